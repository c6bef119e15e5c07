namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// KubeEdge's twin version pair: <see cref="Cloud"/> counts changes made in the cloud, <see cref="Edge"/> changes
/// made on the edge. Each side only ever increments its own counter, so comparing both detects stale writes.
/// </summary>
public readonly record struct TwinVersions(long Cloud, long Edge)
{
    /// <summary>This version after one more edge-side change.</summary>
    public TwinVersions BumpEdge() => this with { Edge = Edge + 1 };
}
