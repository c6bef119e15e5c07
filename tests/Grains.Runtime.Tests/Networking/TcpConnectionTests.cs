using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using EdgeHive.Grains.Runtime.Networking;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

public sealed class TcpConnectionTests : ConnectionBehaviourTests
{
    private readonly List<Socket> _rawSockets = [];

    private protected override string Host => "127.0.0.1";

    private protected override ITransport CreateTransport(ConnectionOptions options) =>
        new TcpTransport(options, NullLoggerFactory.Instance, TimeProvider.System);

    private protected override async Task<IDuplexPipe> ConnectRawAsync(TestServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _rawSockets.Add(socket);
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new DuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
    }

    private protected override async Task KillAsync(TestServer server)
    {
        // What the kernel does for a killed process: the listening socket goes away and every socket is reset.
        await server.Listener.DisposeAsync();
        foreach (var (connection, _) in server.Accepted)
        {
            connection.Abort("killed");
        }
    }

    private protected override Task<int> UnusedPortAsync()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.FromResult(((IPEndPoint)probe.LocalEndPoint!).Port);
    }

    [Fact]
    public async Task A_connect_that_gets_no_answer_fails_with_ConnectionFailedException_after_the_timeout()
    {
        // A listener that never accepts, with its accept queue filled: the kernel drops further SYNs unanswered.
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blackHole.Listen(0);
        var port = ((IPEndPoint)blackHole.LocalEndPoint!).Port;
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _rawSockets.Add(filler);
            using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                await filler.ConnectAsync(IPAddress.Loopback, port, quick.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var transport = new TcpTransport(
            new ConnectionOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) }, NullLoggerFactory.Instance, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<ConnectionFailedException>(() => transport.ConnectAsync(Host, port, CancellationToken.None));

        Assert.Contains("no answer within", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listening_on_port_zero_binds_a_free_port()
    {
        var transport = CreateTransport(new ConnectionOptions());
        await using var first = await transport.ListenAsync(Host, 0, _ => Task.CompletedTask, CancellationToken.None);
        await using var second = await transport.ListenAsync(Host, 0, _ => Task.CompletedTask, CancellationToken.None);

        Assert.NotEqual(0, first.Port);
        Assert.NotEqual(first.Port, second.Port);
    }

    private protected override void OnDispose()
    {
        foreach (var socket in _rawSockets)
        {
            socket.Dispose();
        }
    }
}
