using System.IO.Pipelines;
using EdgeHive.Grains.Runtime.Messaging;
using EdgeHive.Grains.Runtime.Networking;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>Behaviour every transport must show; derived classes supply the transport.</summary>
public abstract class ConnectionBehaviourTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly List<Connection> _clients = [];
    private readonly List<TestServer> _servers = [];

    private protected abstract string Host { get; }

    private protected abstract ITransport CreateTransport(ConnectionOptions options);

    /// <summary>Dials the server without a Connection, to put arbitrary bytes on the wire.</summary>
    private protected abstract Task<IDuplexPipe> ConnectRawAsync(TestServer server);

    /// <summary>Kills the server's process: its connections die without goodbye and it accepts nothing new.</summary>
    private protected abstract Task KillAsync(TestServer server);

    /// <summary>A port on <see cref="Host"/> that nobody listens on.</summary>
    private protected abstract Task<int> UnusedPortAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        OnDispose();
        foreach (var client in _clients)
        {
            client.Abort("test over");
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ten_thousand_messages_each_way_arrive_in_order()
    {
        const int count = 10_000;
        var (client, clientInbox, server, serverInbox) = await ConnectPairAsync(new ConnectionOptions());

        await Task.WhenAll(Task.Run(() => SendNumberedAsync(client, count)), Task.Run(() => SendNumberedAsync(server, count)));

        await serverInbox.WaitForAsync(count, Deadline);
        await clientInbox.WaitForAsync(count, Deadline);
        AssertNumbered(serverInbox.Messages, count);
        AssertNumbered(clientInbox.Messages, count);
    }

    [Fact]
    public async Task A_one_mebibyte_body_arrives_intact_both_ways()
    {
        var (client, clientInbox, server, serverInbox) = await ConnectPairAsync(new ConnectionOptions());
        var body = new byte[1024 * 1024];
        new Random(17).NextBytes(body);

        client.Send(new Message { Kind = MessageKind.Request, Id = 1, Body = body });
        server.Send(new Message { Kind = MessageKind.Response, Id = 1, Body = body });

        await serverInbox.WaitForAsync(1, Deadline);
        await clientInbox.WaitForAsync(1, Deadline);
        Assert.Equal(body, serverInbox.Messages[0].Body.ToArray());
        Assert.Equal(body, clientInbox.Messages[0].Body.ToArray());
    }

    [Fact]
    public async Task An_oversized_outbound_message_throws_to_the_caller_and_the_connection_keeps_working()
    {
        var options = new ConnectionOptions { MaxFrameSize = 64 * 1024 };
        var (client, _, _, serverInbox) = await ConnectPairAsync(options);
        var tooBig = new Message { Kind = MessageKind.OneWay, Id = 1, Body = new byte[64 * 1024] };

        var ex = Assert.Throws<MessageTooLargeException>(() => client.Send(tooBig));
        Assert.Contains("65,536 bytes per frame", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.FrameSize > 65_536);
        await Assert.ThrowsAsync<MessageTooLargeException>(async () => await client.SendAsync(tooBig));

        client.Send(new Message { Kind = MessageKind.OneWay, Id = 2, Body = new byte[1000] });
        await serverInbox.WaitForAsync(1, Deadline);
        Assert.Equal(2, Assert.Single(serverInbox.Messages).Id);
        Assert.Null(client.CloseReason);
    }

    [Theory]
    [InlineData("unknown kind", new byte[] { 0, 0, 0, 4, 3, 9, 0, 0 })]
    [InlineData("truncated header", new byte[] { 0, 0, 0, 3, 5, 1, 0 })]
    [InlineData("oversized length", new byte[] { 0x7F, 0xFF, 0xFF, 0xFF })]
    public async Task A_bad_inbound_frame_closes_only_that_connection(string what, byte[] garbage)
    {
        var (client, clientInbox, goodServerSide, serverInbox) = await ConnectPairAsync(new ConnectionOptions());
        var server = _servers[^1];
        var raw = await ConnectRawAsync(server);
        var (badServerSide, _) = await server.WaitForAcceptedAsync(1, Deadline);

        await raw.Output.WriteAsync(garbage);

        await badServerSide.Closed.WaitAsync(Deadline);
        Assert.NotNull(badServerSide.CloseReason);
        Assert.True(
            badServerSide.CloseReason.Contains("Malformed", StringComparison.Ordinal) || badServerSide.CloseReason.Contains("limit", StringComparison.Ordinal),
            $"{what}: {badServerSide.CloseReason}");
        await Eventually.TrueAsync(async () => await RawPeerSeesEndAsync(raw), Deadline, "the raw peer sees the connection end");

        client.Send(new Message { Kind = MessageKind.Ping, Id = 11 });
        goodServerSide.Send(new Message { Kind = MessageKind.Pong, Id = 12 });
        await serverInbox.WaitForAsync(1, Deadline);
        await clientInbox.WaitForAsync(1, Deadline);
        Assert.Equal(11, serverInbox.Messages[0].Id);
        Assert.Equal(12, clientInbox.Messages[0].Id);
        Assert.Null(goodServerSide.CloseReason);
    }

    [Fact]
    public async Task Graceful_close_flushes_queued_messages_before_both_ends_close()
    {
        const int count = 2_000;
        var transport = CreateTransport(new ConnectionOptions());
        var server = await StartServerAsync(transport);
        var client = await ConnectAsync(transport, server);
        for (var i = 0; i < count; i++)
        {
            client.Send(new Message { Kind = MessageKind.OneWay, Id = i, Body = new byte[512] });
        }

        client.Start((_, _) => { });
        await client.CloseAsync("done").WaitAsync(Deadline);

        var (serverSide, serverInbox) = await server.WaitForAcceptedAsync(0, Deadline);
        await serverSide.Closed.WaitAsync(Deadline);
        AssertNumbered(serverInbox.Messages, count);
        Assert.Equal("done", client.CloseReason);
        Assert.Equal("Closed by the peer.", serverSide.CloseReason);
        Assert.Throws<ConnectionClosedException>(() => client.Send(new Message { Kind = MessageKind.Ping }));
    }

    [Fact]
    public async Task Abort_completes_closed_on_both_ends()
    {
        var (client, _, server, _) = await ConnectPairAsync(new ConnectionOptions());
        var callbackRan = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnClosed(c => callbackRan.TrySetResult(c.CloseReason));

        client.Abort("test abort");

        await client.Closed.WaitAsync(Deadline);
        await server.Closed.WaitAsync(Deadline);
        Assert.Equal("test abort", await callbackRan.Task.WaitAsync(Deadline));
        Assert.NotNull(server.CloseReason);
        var late = false;
        client.OnClosed(_ => late = true);
        Assert.True(late, "a callback registered after the close runs at once");
        Assert.Throws<ConnectionClosedException>(() => server.Send(new Message { Kind = MessageKind.Ping }));
    }

    [Fact]
    public async Task Killing_the_peer_completes_closed_on_both_ends_and_refuses_new_connections()
    {
        var transport = CreateTransport(new ConnectionOptions());
        var (client, _, server, _) = await ConnectPairAsync(transport);
        var testServer = _servers[^1];

        await KillAsync(testServer);

        await client.Closed.WaitAsync(Deadline);
        await server.Closed.WaitAsync(Deadline);
        Assert.NotNull(client.CloseReason);
        await Assert.ThrowsAsync<ConnectionFailedException>(() => transport.ConnectAsync(Host, testServer.Port, CancellationToken.None));
    }

    [Fact]
    public async Task Connecting_where_nobody_listens_fails_with_ConnectionFailedException_naming_the_endpoint()
    {
        var transport = CreateTransport(new ConnectionOptions());
        var port = await UnusedPortAsync();

        var ex = await Assert.ThrowsAsync<ConnectionFailedException>(() => transport.ConnectAsync(Host, port, CancellationToken.None));

        Assert.Contains($"{Host}:{port}", ex.Message, StringComparison.Ordinal);
        Assert.Equal($"{Host}:{port}", ex.Endpoint);
    }

    [Fact]
    public async Task A_disposed_listener_accepts_no_new_connections()
    {
        var transport = CreateTransport(new ConnectionOptions());
        var server = await StartServerAsync(transport);
        await ConnectAsync(transport, server);

        await server.Listener.DisposeAsync();

        await Assert.ThrowsAsync<ConnectionFailedException>(() => transport.ConnectAsync(Host, server.Port, CancellationToken.None));
    }

    [Fact]
    public async Task A_full_queue_makes_Send_throw_and_SendAsync_wait_for_room()
    {
        var transport = CreateTransport(new ConnectionOptions { SendQueueCapacity = 4 });
        var server = await StartServerAsync(transport);
        var client = await ConnectAsync(transport, server);
        for (var i = 0; i < 4; i++)
        {
            client.Send(new Message { Kind = MessageKind.OneWay, Id = i });
        }

        Assert.Throws<SendQueueFullException>(() => client.Send(new Message { Kind = MessageKind.OneWay, Id = 99 }));
        var waiting = client.SendAsync(new Message { Kind = MessageKind.OneWay, Id = 4 }).AsTask();
        Assert.False(waiting.IsCompleted, "nothing drains the queue before Start");

        client.Start((_, _) => { });
        await waiting.WaitAsync(Deadline);

        var (_, serverInbox) = await server.WaitForAcceptedAsync(0, Deadline);
        await serverInbox.WaitForAsync(5, Deadline);
        AssertNumbered(serverInbox.Messages, 5);
    }

    [Fact]
    public async Task Received_messages_carry_the_local_receive_time_and_the_peer_state_stays_attached()
    {
        var (client, _, server, serverInbox) = await ConnectPairAsync(new ConnectionOptions());
        server.PeerState = "silo-b";
        var before = TimeProvider.System.GetTimestamp();

        client.Send(new Message { Kind = MessageKind.Handshake, Id = 1, Body = "{}"u8.ToArray() });

        await serverInbox.WaitForAsync(1, Deadline);
        Assert.InRange(serverInbox.Messages[0].ReceivedAt, before, TimeProvider.System.GetTimestamp());
        Assert.Equal("silo-b", server.PeerState);
    }

    /// <summary>Releases what a derived class opened itself.</summary>
    private protected virtual void OnDispose()
    {
    }

    private protected async Task<TestServer> StartServerAsync(ITransport transport)
    {
        var server = await TestServer.StartAsync(transport, Host);
        _servers.Add(server);
        return server;
    }

    private protected async Task<Connection> ConnectAsync(ITransport transport, TestServer server)
    {
        var client = await transport.ConnectAsync(Host, server.Port, CancellationToken.None);
        _clients.Add(client);
        return client;
    }

    private Task<(Connection Client, Inbox ClientInbox, Connection Server, Inbox ServerInbox)> ConnectPairAsync(ConnectionOptions options) =>
        ConnectPairAsync(CreateTransport(options));

    private async Task<(Connection Client, Inbox ClientInbox, Connection Server, Inbox ServerInbox)> ConnectPairAsync(ITransport transport)
    {
        var server = await StartServerAsync(transport);
        var client = await ConnectAsync(transport, server);
        var clientInbox = new Inbox();
        client.Start(clientInbox.Add);
        var (serverSide, serverInbox) = await server.WaitForAcceptedAsync(0, Deadline);
        return (client, clientInbox, serverSide, serverInbox);
    }

    private static async Task SendNumberedAsync(Connection connection, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await connection.SendAsync(new Message { Kind = MessageKind.OneWay, Id = i, Body = BitConverter.GetBytes(i) });
        }
    }

    private static void AssertNumbered(IReadOnlyList<Message> messages, int count)
    {
        Assert.Equal(count, messages.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, messages[i].Id);
        }
    }

    private static async Task<bool> RawPeerSeesEndAsync(IDuplexPipe raw)
    {
        try
        {
            var result = await raw.Input.ReadAsync();
            raw.Input.AdvanceTo(result.Buffer.End);
            return result.IsCompleted;
        }
        catch (Exception)
        {
            return true;
        }
    }
}
