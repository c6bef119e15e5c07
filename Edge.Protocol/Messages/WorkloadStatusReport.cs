using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Edge → cloud (outbox): a workload's status on the node changed. Only the newest status of a workload is kept while
/// the node is offline, so the cloud gets the current state, not every step, after an outage.
/// </summary>
public sealed record WorkloadStatusReport : EdgePayload, ISequencedPayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "workload.status";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the workload.</summary>
    public required string Name { get; init; }

    /// <summary>The generation (resource version) of the spec this status is about.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>CrashLoopBackOff</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>Why, a CamelCase word (for example <c>OutsideWorkloadsDirectory</c>, <c>WorkloadsDisabled</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>A sentence for people.</summary>
    public string? Message { get; init; }

    /// <summary>Process id of the running process.</summary>
    public int? Pid { get; init; }

    /// <summary>Restarts so far.</summary>
    public int Restarts { get; init; }

    /// <summary>Exit code of the last run (128 + signal for a signal).</summary>
    public int? LastExitCode { get; init; }

    /// <summary>When the current or last run started, in milliseconds since the Unix epoch.</summary>
    public long? StartedAt { get; init; }

    /// <summary>When the last run ended, in milliseconds since the Unix epoch.</summary>
    public long? FinishedAt { get; init; }

    /// <summary>In <c>CrashLoopBackOff</c>: when the next start is due, in milliseconds since the Unix epoch.</summary>
    public long? NextStartAt { get; init; }

    /// <inheritdoc />
    public required long Sequence { get; init; }
}
