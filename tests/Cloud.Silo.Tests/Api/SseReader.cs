using System.Text;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Reads a server-sent-event stream over real HTTP: events (id + data) and comment lines.</summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments skipped), or a timeout failure after <paramref name="deadline"/>.</summary>
    public async Task<(long Id, string Data)> NextEventAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        long? id = null;
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (id is not null && data is not null)
                {
                    return (id.Value, data);
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    /// <summary>Reads lines until one starting with <paramref name="prefix"/> arrives.</summary>
    public async Task<string> NextLineAsync(string prefix, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
