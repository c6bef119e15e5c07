using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Names of nodes whose session grain just attached a connection or activated, for <see cref="PendingPushSweeper"/>
/// to sweep at once: a device change a crash left owed to such a node then reaches its outbox right away instead of
/// at the next periodic sweep. The session grain only drops the name here and returns; the sweep and its calls to the
/// devices run on the sweeper's own loop, outside any grain call chain, so they cannot deadlock with a device that is
/// itself waiting on the session.
/// </summary>
/// <remarks>A name already waiting is not queued twice (a connect to a fresh silo both activates the session and
/// attaches it): one sweep covers both. Once the sweeper has taken a name, a new notice queues it again, so a change
/// made while that sweep runs is not missed. Bounded: after a mass reconnect (a cloud restart) the oldest names are
/// dropped, and those nodes wait for the periodic sweep, which finds every owed push anyway. Without a running sweeper
/// (grain tests) names are dropped the same way.</remarks>
internal sealed class NodeReconnects
{
    /// <summary>How many names wait at most. A sweep per name is one indexed query, so the sweeper drains this fast.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);
    private readonly Channel<string> _nodes;

    public NodeReconnects() =>
        _nodes = Channel.CreateBounded<string>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _waiting.TryRemove(dropped, out _));

    /// <summary>How many names wait for a sweep.</summary>
    public int Count => _waiting.Count;

    /// <summary>Asks for a sweep of the devices owing <paramref name="node"/> a push. Never blocks.</summary>
    public void Notify(string node)
    {
        if (_waiting.TryAdd(node, 0) && !_nodes.Writer.TryWrite(node))
        {
            _waiting.TryRemove(node, out _);
        }
    }

    /// <summary>The names as they come, each once per wait, for the one sweeper of the silo.</summary>
    public async IAsyncEnumerable<string> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var node in _nodes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _waiting.TryRemove(node, out _);
            yield return node;
        }
    }
}
