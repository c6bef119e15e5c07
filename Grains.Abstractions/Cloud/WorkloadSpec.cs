namespace EdgeHive.Grains.Cloud;

/// <summary>The part of a workload an operator writes (create, replace, merge patch).</summary>
/// <param name="Placement">Which nodes run it.</param>
/// <param name="Process">What runs.</param>
/// <param name="RestartPolicy">When an exited process is started again; <see cref="WorkloadRestartPolicy.Always"/> by default.</param>
/// <param name="StopGracePeriodSeconds">Seconds between SIGTERM and SIGKILL when stopping, 0..3600 (default 30).</param>
/// <param name="Description">Free text, or null.</param>
public sealed record WorkloadSpec(
    WorkloadPlacement Placement,
    WorkloadProcessSpec Process,
    WorkloadRestartPolicy RestartPolicy = WorkloadRestartPolicy.Always,
    int StopGracePeriodSeconds = WorkloadSpec.DefaultStopGracePeriodSeconds,
    string? Description = null)
{
    /// <summary>The stop grace period when none is given.</summary>
    public const int DefaultStopGracePeriodSeconds = 30;

    /// <summary>True when <paramref name="other"/> is the same spec (collections compared by content).</summary>
    public bool SameAs(WorkloadSpec? other) =>
        other is not null
        && RestartPolicy == other.RestartPolicy
        && StopGracePeriodSeconds == other.StopGracePeriodSeconds
        && Description == other.Description
        && (Placement?.SameAs(other.Placement) ?? other.Placement is null)
        && (Process?.SameAs(other.Process) ?? other.Process is null);

    /// <summary>True when the nodes would have to run something else (everything but the description and placement).</summary>
    public bool SameProcessAs(WorkloadSpec other) =>
        other is not null
        && RestartPolicy == other.RestartPolicy
        && StopGracePeriodSeconds == other.StopGracePeriodSeconds
        && (Process?.SameAs(other.Process) ?? other.Process is null);
}
