namespace EdgeHive.Grains.Cloud;

/// <summary>A workload on one of its nodes: the assignment the cloud sent and the newest status the node reported.</summary>
/// <param name="Node">The node.</param>
/// <param name="Phase">The reported phase; <see cref="WorkloadPhase.Pending"/> until the node reports for the current spec.</param>
/// <param name="Reason">Why, a CamelCase word from the node (for example <c>OutsideWorkloadsDirectory</c>), or null.</param>
/// <param name="Message">A sentence for people, or null.</param>
/// <param name="Pid">Process id while running.</param>
/// <param name="Restarts">Restarts so far.</param>
/// <param name="LastExitCode">Exit code of the last run (128 + signal number for a signal).</param>
/// <param name="StartedAt">When the current or last run started.</param>
/// <param name="FinishedAt">When the last run ended.</param>
/// <param name="AssignedVersion">The resource version of the spec sent to the node.</param>
/// <param name="ObservedGeneration">The version the node's report is about (equal to
/// <paramref name="AssignedVersion"/> once the node runs the current spec).</param>
/// <param name="ReportedAt">When the node reported this status, or null before its first report.</param>
public sealed record WorkloadNodeStatus(
    string Node,
    WorkloadPhase Phase,
    string? Reason,
    string? Message,
    int? Pid,
    int Restarts,
    int? LastExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long AssignedVersion,
    long ObservedGeneration,
    DateTimeOffset? ReportedAt);
