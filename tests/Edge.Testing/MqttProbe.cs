using System.Diagnostics;
using Xunit;

namespace EdgeHive.Edge.Testing;

/// <summary>
/// Drives the agent's broker with Debian's mosquitto tools: a waiting <c>mosquitto_sub</c> and repeated
/// <c>mosquitto_pub</c> until the subscriber prints a message (mosquitto_sub cannot tell when its subscription is
/// active, so publishing is retried instead of guessing a delay).
/// </summary>
public static class MqttProbe
{
    /// <summary>Publishes <paramref name="payload"/> to <paramref name="topic"/> until <paramref name="watch"/> yields a message; returns (topic, payload).</summary>
    public static Task<(string Topic, string Payload)> RequestAsync(int port, string topic, string payload, string watch, params string[] pubOptions) =>
        WaitForAsync(port, watch, () => PublishAsync(port, topic, payload, pubOptions));

    public static async Task PublishAsync(int port, string topic, string payload, params string[] options)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-m", payload, "-q", "1" };
        arguments.AddRange(options);
        var (exit, _, error) = await MosquittoTools.RunAsync(MosquittoTools.Pub, [.. arguments]);
        Assert.True(exit == 0, "mosquitto_pub failed: " + error);
    }

    /// <summary>Starts mosquitto_sub on <paramref name="watch"/> and runs <paramref name="act"/> until a message arrives.</summary>
    public static async Task<(string Topic, string Payload)> WaitForAsync(int port, string watch, Func<Task> act)
    {
        using var sub = MosquittoTools.Start(MosquittoTools.Sub,
            "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", watch, "-v", "-C", "1", "-W", "90");
        var line = sub.StandardOutput.ReadLineAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            while (!line.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await act();
                await Task.WhenAny(line, Task.Delay(TimeSpan.FromMilliseconds(500)));
            }

            if (!line.IsCompleted)
            {
                throw new TimeoutException($"mosquitto_sub saw nothing on {watch}: {await sub.StandardError.ReadToEndAsync()}");
            }

            var text = await line ?? throw new InvalidOperationException($"mosquitto_sub ended without output: {await sub.StandardError.ReadToEndAsync()}");
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return (text[..space], text[(space + 1)..]);
        }
        finally
        {
            if (!sub.HasExited)
            {
                sub.Kill(entireProcessTree: true);
            }
        }
    }
}
