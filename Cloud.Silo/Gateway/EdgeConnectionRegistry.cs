using System.Collections.Concurrent;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>The open edge connections of this silo, walked by the heartbeat, by shutdown and by credential
/// revocations.</summary>
internal sealed class EdgeConnectionRegistry
{
    /// <summary>How long a revocation is remembered for connections that authenticated before it but register after
    /// it was applied (a connect that was between its credential check and its registration).</summary>
    public static readonly TimeSpan RevocationMemory = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<EdgeConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<string, NodeRevocation> _revocations = new(StringComparer.Ordinal);

    /// <summary>Open connections.</summary>
    public int Count => _connections.Count;

    /// <summary>A snapshot of the open connections.</summary>
    public IReadOnlyCollection<EdgeConnection> Snapshot() => _connections.Keys.ToArray();

    /// <summary>Open connections of <paramref name="nodeName"/> (normally at most one; briefly two while one is superseded).</summary>
    public IReadOnlyList<EdgeConnection> ForNode(string nodeName) =>
        _connections.Keys.Where(c => string.Equals(c.NodeName, nodeName, StringComparison.Ordinal)).ToArray();

    /// <summary>Adds a connection; one that authenticated before a remembered revocation of its node is told to close.</summary>
    public void Add(EdgeConnection connection)
    {
        _connections.TryAdd(connection, 0);
        if (_revocations.TryGetValue(connection.NodeName, out var revocation) && revocation.Applies(connection))
        {
            Close(connection, revocation);
        }
    }

    public void Remove(EdgeConnection connection) => _connections.TryRemove(connection, out _);

    /// <summary>Closes (4401) every connection of the node that authenticated with the ended credential, and remembers
    /// the revocation for <see cref="RevocationMemory"/>.</summary>
    /// <returns>How many connections were told to close.</returns>
    public int Revoke(NodeRevocation revocation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        _revocations.AddOrUpdate(revocation.Node, revocation, (_, old) => old.At >= revocation.At ? old : revocation);
        foreach (var (node, old) in _revocations)
        {
            if (now - old.At > RevocationMemory)
            {
                _revocations.TryRemove(new KeyValuePair<string, NodeRevocation>(node, old));
            }
        }

        var closed = 0;
        foreach (var connection in ForNode(revocation.Node))
        {
            if (revocation.Applies(connection))
            {
                Close(connection, revocation);
                closed++;
            }
        }

        return closed;
    }

    private static void Close(EdgeConnection connection, NodeRevocation revocation) =>
        connection.RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.Unauthorized, revocation.Reason));
}
