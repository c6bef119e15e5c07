namespace EdgeHive.Grains.Cloud;

/// <summary>One change-feed entry: which resource changed and how (never its content).</summary>
/// <param name="Id">Feed position, strictly increasing.</param>
/// <param name="Kind"><c>node</c>, <c>device</c>, <c>devicemodel</c>, <c>objectsync</c> or <c>session</c>.</param>
/// <param name="Key">The resource's key.</param>
/// <param name="Node">The edge node the resource belongs to, or null.</param>
/// <param name="Operation"><c>created</c>, <c>updated</c>, <c>deleted</c>, <c>reported</c>, <c>state</c> or <c>status</c>.</param>
/// <param name="ResourceVersion">The resource's version after the change.</param>
/// <param name="At">When the change was persisted.</param>
public sealed record PortalChange(long Id, string Kind, string Key, string? Node, string Operation, long ResourceVersion, DateTimeOffset At);
