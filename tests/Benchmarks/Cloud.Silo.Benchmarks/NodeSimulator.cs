using System.Globalization;
using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Benchmarks;

/// <summary>
/// A child process that holds many simulated edge nodes: each connects with the join token (first connect registers the
/// node), acknowledges what the cloud sends and sends a keepalive every interval from the moment it is connected. It runs
/// in its own process because one process may hold only so many file descriptors, and the silo needs its own share.
/// Progress goes to stdout as <c>connected N failed M</c> lines; it exits when stdin closes.
/// </summary>
internal sealed class NodeSimulator(Uri edgeUri, string joinToken, TimeSpan keepAliveInterval)
{
    private readonly EdgeMessageFactory _factory = new(EdgeProtocolConstants.EdgeSource, TimeProvider.System);
    private readonly EdgeMessageCodec _codec = new(new EdgeCodecOptions { Incoming = MessageDirection.Downstream });
    private int _connected;
    private int _failed;

    public static async Task<int> RunAsync(string[] args)
    {
        var edge = new Uri(Value(args, "--edge"));
        var token = Value(args, "--token");
        var prefix = Value(args, "--prefix");
        var count = int.Parse(Value(args, "--count"), CultureInfo.InvariantCulture);
        var parallel = int.Parse(Value(args, "--parallel"), CultureInfo.InvariantCulture);
        var simulator = new NodeSimulator(edge, token, TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            // The parent closes our stdin when the run is over (or dies): that ends this process too.
            await Console.In.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
        });
        var report = simulator.ReportAsync(stop.Token);
        await simulator.ConnectAllAsync(prefix, count, parallel, stop.Token).ConfigureAwait(false);
        Console.WriteLine($"done connected {simulator._connected} failed {simulator._failed}");
        await report.ConfigureAwait(false);
        return 0;
    }

    private async Task ConnectAllAsync(string prefix, int count, int parallel, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var socket = await ConnectAsync(prefix + i.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connected);
                _ = HoldAsync(socket, cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
            {
                Interlocked.Increment(ref _failed);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"connected {Volatile.Read(ref _connected)} failed {Volatile.Read(ref _failed)}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(string node, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(EdgeProtocolConstants.SubProtocol);
        socket.Options.SetRequestHeader("Authorization", "Bearer " + joinToken);
        socket.Options.SetRequestHeader(EdgeProtocolConstants.NodeNameHeader, node);
        socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        await socket.ConnectAsync(edgeUri, cancellationToken).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Keepalives from the moment of connecting (a node registered early must not be dropped while later
    /// nodes still register) and acknowledgements of whatever the cloud sends.</summary>
    private async Task HoldAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var send = new SemaphoreSlim(1, 1);
        var keepAlive = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(keepAliveInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) && socket.State == WebSocketState.Open)
            {
                await SendAsync(socket, send, _codec.Write(_factory.KeepAlive()), cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
        var buffer = new byte[16 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.EndOfMessage && _codec.TryRead(buffer.AsSpan(0, result.Count), out var messages, out _))
                {
                    foreach (var message in messages)
                    {
                        if (message.Content is not Ack and not KeepAlive and not ErrorResult && EdgeMessageKinds.Of(message.Content).Acknowledged)
                        {
                            await SendAsync(socket, send, _codec.Write(_factory.Ack(message)), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        Interlocked.Decrement(ref _connected);
        await keepAlive.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim gate, byte[] frame, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"Missing {name}.");
    }
}
