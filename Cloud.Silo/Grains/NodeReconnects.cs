using System.Threading.Channels;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Names of nodes whose session grain just attached a connection or activated, for <see cref="PendingPushSweeper"/>
/// to sweep at once: a device change a crash left owed to such a node then reaches its outbox right away instead of
/// at the next periodic sweep. The session grain only drops the name here and returns; the sweep and its calls to the
/// devices run on the sweeper's own loop, outside any grain call chain, so they cannot deadlock with a device that is
/// itself waiting on the session.
/// </summary>
/// <remarks>Bounded: after a mass reconnect (a cloud restart) the oldest names are dropped, and those nodes wait for
/// the periodic sweep, which finds every owed push anyway. Without a running sweeper (grain tests) names are dropped
/// the same way.</remarks>
internal sealed class NodeReconnects
{
    /// <summary>How many names wait at most. A sweep per name is one indexed query, so the sweeper drains this fast.</summary>
    public const int Capacity = 1024;

    private readonly Channel<string> _nodes = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    /// <summary>Asks for a sweep of the devices owing <paramref name="node"/> a push. Never blocks.</summary>
    public void Notify(string node) => _nodes.Writer.TryWrite(node);

    /// <summary>The names as they come, for the one sweeper of the silo.</summary>
    public ChannelReader<string> Reader => _nodes.Reader;
}
