using System.Collections.Concurrent;
using EdgeHive.Grains.Runtime.Networking;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>A listener that starts every accepted connection with its own inbox.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Connection Connection, Inbox Inbox)> _accepted = new();

    private TestServer(ITransportListener listener) => Listener = listener;

    public ITransportListener Listener { get; }

    public int Port => Listener.Port;

    public IReadOnlyList<(Connection Connection, Inbox Inbox)> Accepted => [.. _accepted];

    public static async Task<TestServer> StartAsync(ITransport transport, string host)
    {
        TestServer? server = null;
        var ready = new TaskCompletionSource();
        var listener = await transport.ListenAsync(host, 0, async connection =>
        {
            await ready.Task;
            var inbox = new Inbox();
            server!._accepted.Enqueue((connection, inbox));
            connection.Start(inbox.Add);
        }, CancellationToken.None);
        server = new TestServer(listener);
        ready.SetResult();
        return server;
    }

    public async Task<(Connection Connection, Inbox Inbox)> WaitForAcceptedAsync(int index, TimeSpan deadline)
    {
        await Eventually.TrueAsync(() => _accepted.Count > index, deadline, $"connection #{index + 1} is accepted");
        return Accepted[index];
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        foreach (var (connection, _) in _accepted)
        {
            connection.Abort("test over");
        }
    }
}
