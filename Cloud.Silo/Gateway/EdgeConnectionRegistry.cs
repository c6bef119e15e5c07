using System.Collections.Concurrent;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>The open edge connections of this silo, walked by the heartbeat and by shutdown.</summary>
internal sealed class EdgeConnectionRegistry
{
    private readonly ConcurrentDictionary<EdgeConnection, byte> _connections = new();

    /// <summary>Open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>A snapshot of the open connections.</summary>
    public IReadOnlyCollection<EdgeConnection> Snapshot() => _connections.Keys.ToArray();

    /// <summary>Open connections of <paramref name="nodeName"/> (normally at most one; briefly two while one is superseded).</summary>
    public IReadOnlyList<EdgeConnection> ForNode(string nodeName) =>
        _connections.Keys.Where(c => string.Equals(c.NodeName, nodeName, StringComparison.Ordinal)).ToArray();

    public void Add(EdgeConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(EdgeConnection connection) => _connections.TryRemove(connection, out _);
}
