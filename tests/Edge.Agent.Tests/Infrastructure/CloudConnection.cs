using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>One agent session as the fake cloud sees it: what the agent sent, and ways to answer or close.</summary>
public sealed class CloudConnection
{
    private static readonly EdgeMessageCodec Reader = new(new EdgeCodecOptions { Incoming = MessageDirection.Upstream });
    private static readonly EdgeMessageCodec Writer = new();

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly List<EdgeMessage> _received = [];
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CloudConnection(WebSocket socket, string bearer, string node, long epoch)
    {
        _socket = socket;
        Bearer = bearer;
        Node = node;
        Epoch = epoch;
        Factory = new EdgeMessageFactory(EdgeProtocolConstants.CloudSource, TimeProvider.System);
    }

    public string Bearer { get; }

    public string Node { get; }

    public long Epoch { get; }

    public EdgeMessageFactory Factory { get; }

    /// <summary>Completes with the agent's close status (null when the connection broke) once the session ended.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    public IReadOnlyList<EdgeMessage> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }
    }

    public async Task SendAsync(params EdgeMessage[] messages)
    {
        var frame = messages.Length == 1 ? Writer.Write(messages[0]) : Writer.WriteBatch(messages);
        await SendRawAsync(frame);
    }

    public async Task SendRawAsync(byte[] frame)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The first received message (from the start of the session) matching <paramref name="match"/>.</summary>
    public async Task<EdgeMessage> WaitForAsync(Func<EdgeMessage, bool> match, string what, TimeSpan? deadline = null)
    {
        EdgeMessage? found = null;
        await Eventually.TrueAsync(() => (found = Received.FirstOrDefault(match)) is not null, deadline ?? TimeSpan.FromSeconds(30), what);
        return found!;
    }

    public Task<EdgeMessage> WaitForAckAsync(EdgeMessage acked) =>
        WaitForAsync(m => m.Content is Ack && m.Header.ParentId == acked.Id, $"ack of {acked.Kind} {acked.Id}");

    internal async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1024 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), cancellationToken);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(result.CloseStatus);
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    return;
                }

                if (!Reader.TryRead(buffer.AsSpan(0, count), out var messages, out var error))
                {
                    throw new InvalidOperationException("The agent sent an unreadable frame: " + error);
                }

                lock (_received)
                {
                    _received.AddRange(messages);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _closed.TrySetResult(null);
        }
    }
}
