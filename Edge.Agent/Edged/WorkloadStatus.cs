using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>
/// A workload's state on its node, as Edged reports it (a pod status reduced to one process): the phase with a
/// machine-readable reason and a sentence for people, the current process, the restart count, and how the last run ended.
/// </summary>
public sealed record WorkloadStatus
{
    /// <summary>Namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the workload.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="WorkloadSpec.Generation"/> of the spec this status is about.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>The phase.</summary>
    public WorkloadPhase Phase { get; init; }

    /// <summary>Why it is in this phase, a CamelCase word (<see cref="WorkloadReasons"/>); null while simply running.</summary>
    public string? Reason { get; init; }

    /// <summary>A sentence explaining <see cref="Reason"/> (what was refused and why, the back-off, the exit).</summary>
    public string? Message { get; init; }

    /// <summary>Process id of the running process (also its process group and session id); null when none runs.</summary>
    public int? Pid { get; init; }

    /// <summary>How often the process was started again after it exited (or failed to start).</summary>
    public int Restarts { get; init; }

    /// <summary>Exit code of the last run (128 + signal number when a signal ended it); null before the first exit.</summary>
    public int? LastExitCode { get; init; }

    /// <summary>When the current (or last) run started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the last run ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>In <see cref="WorkloadPhase.CrashLoopBackOff"/>: when the next start is due.</summary>
    public DateTimeOffset? NextStartAt { get; init; }

    /// <summary>The workload's identity.</summary>
    [JsonIgnore]
    public WorkloadKey Key => new(Namespace, Name);
}
