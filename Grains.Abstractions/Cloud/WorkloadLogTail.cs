namespace EdgeHive.Grains.Cloud;

/// <summary>The newest output lines of a workload on one node, fetched from the node on demand (logs stay on the
/// node), or why there are none.</summary>
/// <param name="Node">The node asked.</param>
/// <param name="StatusCode">200 with <paramref name="Lines"/>; 400 (bad request), 404 (the node runs no such
/// workload), 503 (the node is offline, its silo cannot be reached, or it runs no workloads) or 504 (no answer in
/// time), with <paramref name="Error"/>.</param>
/// <param name="Lines">The lines, oldest first.</param>
/// <param name="Error">Why there are no lines; null on success.</param>
public sealed record WorkloadLogTail(string Node, int StatusCode, IReadOnlyList<WorkloadLogEntry> Lines, string? Error)
{
    /// <summary>The lines; never null.</summary>
    public IReadOnlyList<WorkloadLogEntry> Lines { get; init; } = Lines ?? [];
}

/// <summary>One output line of a workload.</summary>
/// <param name="Time">When the node read it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, without the line break.</param>
public sealed record WorkloadLogEntry(DateTimeOffset Time, string Stream, string Text);
