using System.Net;
using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;
using EdgeHive.Testing;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// A minimal edge agent for tests: a real <see cref="ClientWebSocket"/> speaking Edge.Protocol through the real codec.
/// Records everything it receives and the close status; optionally acknowledges downstream messages like an agent
/// that stored them.
/// </summary>
internal sealed class EdgeTestClient : IAsyncDisposable
{
    private static readonly EdgeMessageCodec Codec = new(new EdgeCodecOptions { Incoming = MessageDirection.Downstream });
    private readonly ClientWebSocket _socket;
    private readonly List<EdgeMessage> _received = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _receiving;

    private EdgeTestClient(ClientWebSocket socket, bool autoAck)
    {
        _socket = socket;
        AutoAck = autoAck;
        _receiving = ReceiveLoopAsync();
    }

    public static EdgeMessageFactory Factory { get; } = new(EdgeProtocolConstants.EdgeSource, TimeProvider.System);

    /// <summary>Acknowledge every acked downstream kind as soon as it arrives.</summary>
    public bool AutoAck { get; set; }

    /// <summary>The close status the cloud sent, once the connection ended.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public bool Closed => _receiving.IsCompleted;

    public WebSocketState State => _socket.State;

    public IReadOnlyList<EdgeMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<EdgeTestClient> ConnectAsync(
        Uri uri, string bearer, string? nodeName, bool autoAck = true, params string[] subProtocols)
    {
        var socket = CreateSocket(bearer, nodeName, subProtocols.Length == 0 ? [EdgeProtocolConstants.SubProtocol] : subProtocols);
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new EdgeTestClient(socket, autoAck);
    }

    /// <summary>Tries to connect (offering <paramref name="subProtocols"/>, by default <c>edgehive.v1</c>; an empty
    /// list offers none) and returns the HTTP status of the refused upgrade.</summary>
    public static async Task<HttpStatusCode> ConnectRefusedAsync(Uri uri, string bearer, string? nodeName, IReadOnlyList<string>? subProtocols = null)
    {
        using var socket = CreateSocket(bearer, nodeName, subProtocols ?? [EdgeProtocolConstants.SubProtocol]);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        return socket.HttpStatusCode;
    }

    /// <summary>Connects and waits for the welcome.</summary>
    public static async Task<(EdgeTestClient Client, SessionWelcome Welcome)> ConnectWelcomedAsync(Uri uri, string bearer, string? nodeName, bool autoAck = true)
    {
        var client = await ConnectAsync(uri, bearer, nodeName, autoAck);
        var welcome = await client.WaitForAsync(m => m.Content is SessionWelcome, "session.welcome");
        Assert.Same(welcome, client.Received[0]);
        return (client, welcome.GetContent<SessionWelcome>());
    }

    private static ClientWebSocket CreateSocket(string bearer, string? nodeName, IReadOnlyList<string> subProtocols)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        if (nodeName is not null)
        {
            socket.Options.SetRequestHeader(EdgeProtocolConstants.NodeNameHeader, nodeName);
        }

        foreach (var protocol in subProtocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        return socket;
    }

    public Task SendAsync(EdgeMessage message) => SendRawAsync(Codec.Write(message));

    public Task SendBatchAsync(IReadOnlyList<EdgeMessage> messages) => SendRawAsync(Codec.WriteBatch(messages));

    public async Task SendRawAsync(byte[] frame)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits for a received message matching <paramref name="predicate"/>.</summary>
    public async Task<EdgeMessage> WaitForAsync(Func<EdgeMessage, bool> predicate, string what, TimeSpan? deadline = null)
    {
        EdgeMessage? found = null;
        await Eventually.TrueAsync(
            () => (found = Received.FirstOrDefault(predicate)) is not null,
            deadline ?? TimeSpan.FromSeconds(30),
            what);
        return found!;
    }

    /// <summary>The answer (ack or error) to the message with id <paramref name="id"/>.</summary>
    public Task<EdgeMessage> AnswerToAsync(string id, TimeSpan? deadline = null) =>
        WaitForAsync(m => m.Header.ParentId == id && m.Content is Ack or ErrorResult, "answer to " + id, deadline);

    public async Task WaitClosedAsync(TimeSpan? deadline = null) =>
        await Eventually.TrueAsync(() => Closed, deadline ?? TimeSpan.FromSeconds(30), "connection closed");

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Assert.True(Codec.TryRead(frame.ToArray(), out var messages, out var error), error?.ToString());
                frame.SetLength(0);
                lock (_received)
                {
                    _received.AddRange(messages);
                }

                if (AutoAck)
                {
                    foreach (var message in messages.Where(m => EdgeMessageKinds.Of(m.Content).Acknowledged))
                    {
                        await SendAsync(Factory.Ack(message));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted: the test looks at State / Closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Gone already.
            }
        }

        _socket.Abort();
        await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(10)));
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
