namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>
/// Base of the conformance suites: the backend's set-up and tear-down around every test, and a token that ends a test
/// that hangs on a lock instead of letting it block the run.
/// </summary>
public abstract class StoreConformance : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    /// <summary>Cancelled when a test runs far longer than it should.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>Creates the backend's database for this test.</summary>
    protected virtual Task InitializeBackendAsync() => Task.CompletedTask;

    /// <summary>Releases the backend's connections.</summary>
    protected virtual Task DisposeBackendAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync() => await InitializeBackendAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeBackendAsync();
        _timeout.Dispose();
    }

    /// <summary>Starts <paramref name="count"/> operations on the thread pool, releases them together through one
    /// gate (so they really race) and waits for all.</summary>
    protected static async Task<T[]> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> operation)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await operation(i);
            }))
            .ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
