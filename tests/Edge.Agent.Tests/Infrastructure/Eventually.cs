using System.Diagnostics;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Not true within {deadline}: {what}");
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        TrueAsync(() => Task.FromResult(condition()), deadline, what);
}
