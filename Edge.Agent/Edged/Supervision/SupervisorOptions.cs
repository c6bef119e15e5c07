namespace EdgeHive.Edge.Agent.Edged.Supervision;

/// <summary>
/// Settings of the <see cref="WorkloadSupervisor"/>. The back-off follows kubelet's shape with the shorter steps of
/// Kubernetes' KEP-4603: the first restart is immediate, each further exit in a row doubles the wait from
/// <see cref="InitialBackoff"/> up to <see cref="MaxBackoff"/>, and a run that lasted <see cref="BackoffResetAfter"/>
/// starts the count afresh.
/// </summary>
public sealed class SupervisorOptions
{
    /// <summary>Wait before the second start in a row. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between starts. Default 60 s: a crash-looping process costs one start a minute.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A run at least this long counts as healthy: the next exit restarts at once again. Default 10 min.</summary>
    public TimeSpan BackoffResetAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When the agent shuts down, each workload's grace period is cut to this, so the agent stops within its own
    /// shutdown time. Default 10 s.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff);
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffResetAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownGracePeriod, TimeSpan.Zero);
    }
}
