namespace EdgeHive.Grains.Cloud;

/// <summary>A node's report about one workload (protocol <c>workload.status</c>), as the gateway hands it to the grain.</summary>
/// <param name="Sequence">The node's outbox sequence; a report no newer than the last one taken is ignored (replays).</param>
/// <param name="ObservedGeneration">The version of the spec the report is about.</param>
/// <param name="Phase">The phase.</param>
/// <param name="Reason">Why, or null.</param>
/// <param name="Message">A sentence, or null.</param>
/// <param name="Pid">Process id while running.</param>
/// <param name="Restarts">Restarts so far.</param>
/// <param name="LastExitCode">Exit code of the last run.</param>
/// <param name="StartedAt">When the current or last run started.</param>
/// <param name="FinishedAt">When the last run ended.</param>
public sealed record WorkloadStatusUpdate(
    long Sequence,
    long ObservedGeneration,
    WorkloadPhase Phase,
    string? Reason,
    string? Message,
    int? Pid,
    int Restarts,
    int? LastExitCode,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
