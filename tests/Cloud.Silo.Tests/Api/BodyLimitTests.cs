using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>
/// JSON bodies over <c>Api:MaxBodyBytes</c> (1 MiB by default) are refused with 413 before they are read: the tests
/// send only the start of a large body over a raw socket and wait for the answer, which a server buffering the body
/// would never give.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private const int Limit = 1024 * 1024;

    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartSqliteAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Declared_length_over_the_limit_is_413_before_the_body_is_sent()
    {
        var head = Head("Content-Length: " + (Limit + 1));
        var answer = await SendRawAsync(head, Encoding.ASCII.GetBytes("{\"name\":\""));

        AssertTooLarge(answer);
    }

    [Fact]
    public async Task Chunked_body_is_refused_once_it_passes_the_limit_without_waiting_for_its_end()
    {
        // Just over the limit in chunks, then nothing more: the body never ends, so only a server that stops at the
        // limit can answer.
        using var body = new MemoryStream();
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        var prefix = Encoding.ASCII.GetBytes("{\"name\":\"");
        WriteChunk(body, prefix);
        for (var sent = prefix.Length; sent <= Limit; sent += chunk.Length)
        {
            WriteChunk(body, chunk);
        }

        var answer = await SendRawAsync(Head("Transfer-Encoding: chunked"), body.ToArray());

        AssertTooLarge(answer);
    }

    [Fact]
    public async Task Body_under_the_limit_is_read_as_before()
    {
        var client = _host.Admin;
        var padding = new string(' ', Limit - 4096);
        var response = await client.PostAsync("/api/v1/devices/default", Json("{\"name\":\"d1\"," + padding + "\"spec\":7}"));

        // Read in full and checked: the document is wrong, not too large.
        await ProblemAssert.IsValidationProblemAsync(response, "spec");
    }

    private static string Head(string lengthHeader) =>
        "POST /api/v1/devices/default HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ApiHost.AdminToken
        + "\r\nContent-Type: application/json\r\n" + lengthHeader + "\r\n\r\n";

    private static void WriteChunk(Stream stream, byte[] data)
    {
        stream.Write(Encoding.ASCII.GetBytes(data.Length.ToString("x") + "\r\n"));
        stream.Write(data);
        stream.Write("\r\n"u8);
    }

    /// <summary>Sends the head and the start of a body that is never finished, then reads the answer (status line,
    /// headers and a Content-Length body) within a deadline.</summary>
    private async Task<(int Status, string ContentType, string Body)> SendRawAsync(string head, byte[] bodyStart)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        var stream = tcp.GetStream();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);
        await stream.WriteAsync(bodyStart, deadline.Token);

        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lines = text[..end].Split("\r\n");
                var contentType = Header(lines, "Content-Type") ?? "";
                var rest = text[(end + 4)..];
                if (Header(lines, "Transfer-Encoding") == "chunked")
                {
                    if (rest.EndsWith("0\r\n\r\n", StringComparison.Ordinal))
                    {
                        return (int.Parse(lines[0].Split(' ')[1]), contentType, Dechunk(rest));
                    }
                }
                else if (rest.Length >= int.Parse(Header(lines, "Content-Length") ?? "0"))
                {
                    return (int.Parse(lines[0].Split(' ')[1]), contentType, rest);
                }
            }

            var read = await stream.ReadAsync(buffer, deadline.Token);
            Assert.True(read > 0, "The server closed the connection without an answer: " + text);
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    private static string? Header(string[] lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static void AssertTooLarge((int Status, string ContentType, string Body) answer)
    {
        Assert.True(answer.Status == (int)HttpStatusCode.RequestEntityTooLarge, $"Expected 413, got {answer.Status}: {answer.Body}");
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("Api:MaxBodyBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
