using System.IO.Pipelines;
using EdgeHive.Grains.Runtime.Networking;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

public sealed class InMemoryConnectionTests : ConnectionBehaviourTests
{
    private readonly InMemoryNetwork _network = new();

    private protected override string Host => "silo-a";

    private protected override ITransport CreateTransport(ConnectionOptions options) =>
        new InMemoryTransport(_network, options, NullLoggerFactory.Instance, TimeProvider.System);

    private protected override Task<IDuplexPipe> ConnectRawAsync(TestServer server) =>
        Task.FromResult(_network.ConnectRaw(Host, server.Port));

    private protected override Task KillAsync(TestServer server)
    {
        _network.Kill(Host, server.Port);
        return Task.CompletedTask;
    }

    private protected override Task<int> UnusedPortAsync() => Task.FromResult(1);

    [Fact]
    public async Task Killing_a_silo_also_aborts_the_connections_it_dialled()
    {
        var silo = CreateTransport(new ConnectionOptions());
        var other = CreateTransport(new ConnectionOptions());
        var siloServer = await StartServerAsync(silo);
        var otherServer = await StartServerAsync(other);
        var dialled = await ConnectAsync(silo, otherServer);
        dialled.Start((_, _) => { });
        var (remoteSide, _) = await otherServer.WaitForAcceptedAsync(0, TimeSpan.FromSeconds(30));

        _network.Kill(Host, siloServer.Port);

        await dialled.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await remoteSide.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<ConnectionFailedException>(() => silo.ConnectAsync(Host, otherServer.Port, CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_endpoint_can_be_listened_on_again_by_a_new_transport()
    {
        var first = await StartServerAsync(CreateTransport(new ConnectionOptions()));
        _network.Kill(Host, first.Port);

        var restarted = CreateTransport(new ConnectionOptions());
        await using var listener = await restarted.ListenAsync(Host, first.Port, _ => Task.CompletedTask, CancellationToken.None);

        var connection = await CreateTransport(new ConnectionOptions()).ConnectAsync(Host, first.Port, CancellationToken.None);
        Assert.Equal($"{Host}:{first.Port}", connection.RemoteEndPoint);
        connection.Abort("test over");
    }
}
