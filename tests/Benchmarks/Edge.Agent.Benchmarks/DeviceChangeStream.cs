using System.Text.Json;
using System.Threading.Channels;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>
/// The cloud's change feed (<c>GET /api/v1/events?kind=device</c>, server-sent events) read continuously: each device
/// change arrives as (key, operation, time seen). Waiting on the stream instead of polling REST keeps the latency
/// figures free of polling intervals.
/// </summary>
internal sealed class DeviceChangeStream : IAsyncDisposable
{
    private readonly Channel<(string Key, string Operation, long Timestamp)> _changes = Channel.CreateUnbounded<(string, string, long)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DeviceChangeStream(HttpClient http) => _reader = ReadAsync(http, _stop.Token);

    /// <summary>Opens the stream; returns once the cloud has answered (changes after that are seen).</summary>
    public static async Task<DeviceChangeStream> OpenAsync(HttpClient http)
    {
        var stream = new DeviceChangeStream(http);
        await stream._open.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return stream;
    }

    /// <summary>Drops changes seen so far.</summary>
    public void Clear()
    {
        while (_changes.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>The next change of <paramref name="key"/> with <paramref name="operation"/>; returns the Stopwatch timestamp it was seen at.</summary>
    public async Task<long> NextAsync(string key, string operation, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var change = await _changes.Reader.ReadAsync(timeout.Token);
            if (change.Key == key && change.Operation == operation)
            {
                return change.Timestamp;
            }
        }
    }

    /// <summary>Waits until every key in <paramref name="keys"/> had a change with <paramref name="operation"/>.</summary>
    public async Task AllAsync(IReadOnlyCollection<string> keys, string operation, TimeSpan deadline)
    {
        var missing = new HashSet<string>(keys, StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(deadline);
        while (missing.Count > 0)
        {
            var change = await _changes.Reader.ReadAsync(timeout.Token);
            if (change.Operation == operation)
            {
                missing.Remove(change.Key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The stream ends with the benchmark.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events?kind=device");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        _open.TrySetResult();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            var seen = System.Diagnostics.Stopwatch.GetTimestamp();
            using var document = JsonDocument.Parse(line.AsMemory(6));
            var root = document.RootElement;
            _changes.Writer.TryWrite((root.GetProperty("key").GetString()!, root.GetProperty("operation").GetString()!, seen));
        }
    }
}
