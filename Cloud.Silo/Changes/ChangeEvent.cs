namespace EdgeHive.Cloud.Silo.Changes;

/// <summary>One entry of the cluster-wide change feed: which resource changed and how, never its content (readers
/// fetch the resource itself, so the feed stays small and never leaks data past authorization).</summary>
/// <param name="Id">Position in the feed, assigned by the database; strictly increasing, usable as SSE
/// <c>Last-Event-ID</c>. Ignored by <see cref="IChangeFeed.PublishAsync"/>.</param>
/// <param name="Kind">One of <see cref="ChangeKinds"/>: <c>node</c>, <c>device</c>, <c>devicemodel</c>,
/// <c>objectsync</c>, <c>session</c>, <c>credential</c>.</param>
/// <param name="Key">The resource's key (grain key): <c>{namespace}/{name}</c>, a node name, or an object-sync key.</param>
/// <param name="Node">The edge node the resource belongs to (a device's node, the node itself), or null.</param>
/// <param name="Operation">One of <see cref="ChangeOperations"/>: <c>created</c>, <c>updated</c>, <c>deleted</c>,
/// <c>reported</c>, <c>state</c>, <c>status</c>.</param>
/// <param name="ResourceVersion">The resource's version after the change.</param>
/// <param name="At">When the change was persisted.</param>
public sealed record ChangeEvent(
    long Id,
    string Kind,
    string Key,
    string? Node,
    string Operation,
    long ResourceVersion,
    DateTimeOffset At);
