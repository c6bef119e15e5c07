using System.Diagnostics;
using System.Globalization;

namespace EdgeHive.Edge.Testing;

/// <summary>
/// A <c>mosquitto_sub -d -v -C N</c> (N = 1 unless given) that is known to be subscribed: <see cref="StartAsync"/>
/// returns only after the broker's SUBACK shows in mosquitto_sub's debug output, so whatever is published afterwards is
/// seen. For messages the test triggers once (a desired value) and cannot retry.
/// </summary>
public sealed class MosquittoSubscription : IDisposable
{
    private const string StdBuf = "/usr/bin/stdbuf";

    private readonly Process _process;

    private MosquittoSubscription(Process process) => _process = process;

    /// <summary>Subscribes to <paramref name="filter"/> on 127.0.0.1:<paramref name="port"/> and waits for the SUBACK;
    /// the subscription ends after <paramref name="count"/> messages (each read with <see cref="NextAsync"/>).</summary>
    public static async Task<MosquittoSubscription> StartAsync(int port, string filter, TimeSpan deadline, int count = 1)
    {
        // mosquitto_sub's debug lines go through stdio, fully buffered on a pipe: stdbuf makes them line-buffered so the
        // SUBACK is seen when it happens rather than at exit.
        var process = MosquittoTools.Start(StdBuf, "-oL", MosquittoTools.Sub,
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", filter, "-q", "1", "-v", "-d", "-C", count.ToString(CultureInfo.InvariantCulture), "-W", "120");
        var subscription = new MosquittoSubscription(process);
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Contains("received SUBACK", StringComparison.Ordinal))
                {
                    return subscription;
                }
            }

            throw new InvalidOperationException($"mosquitto_sub ended before subscribing: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>The first message (topic, payload) after the subscription, within <paramref name="deadline"/>.</summary>
    public async Task<(string Topic, string Payload)> NextAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        while (await _process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            // Debug lines ("Client … received PUBLISH …", "Subscribed (mid: 1): 1") interleave with the -v message line.
            if (line.StartsWith("Client ", StringComparison.Ordinal) || line.StartsWith("Subscribed ", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            return (line[..space], line[(space + 1)..]);
        }

        throw new InvalidOperationException("mosquitto_sub ended without a message.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
