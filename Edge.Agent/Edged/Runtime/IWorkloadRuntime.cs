namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// What Edged needs from whatever runs a workload (Kubernetes' CRI, reduced): start one run, stop it, learn its state
/// through the returned <see cref="IWorkloadInstance"/>, read its logs. Restart decisions are not the runtime's: the
/// supervisor makes them. <see cref="ProcessRuntime"/> runs child processes; an OCI runtime can sit behind the same
/// interface on machines that allow containers.
/// </summary>
public interface IWorkloadRuntime
{
    /// <summary>
    /// Starts one run of <paramref name="spec"/>. A spec the runtime will not or cannot run comes back as a
    /// <see cref="WorkloadStart"/> with a reason, never as an exception.
    /// </summary>
    Task<WorkloadStart> StartAsync(WorkloadSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Stops <paramref name="instance"/>: asks it to end (SIGTERM), ends it (SIGKILL) after <paramref name="gracePeriod"/>,
    /// and returns once nothing of it is left running, as <see cref="IWorkloadInstance.Exited"/> reports.
    /// </summary>
    Task<WorkloadExit> StopAsync(IWorkloadInstance instance, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="tail"/> lines of the workload's output (stdout and stderr interleaved), oldest first.</summary>
    Task<IReadOnlyList<WorkloadLogLine>> ReadLogsAsync(WorkloadKey key, int tail, CancellationToken cancellationToken);

    /// <summary>Deletes what the runtime keeps for a workload that no longer exists (its logs). It must not be running.</summary>
    Task RemoveAsync(WorkloadKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Ends whatever an earlier agent process left running (it crashed or was killed before stopping its workloads),
    /// so the supervisor starts each workload afresh and never twice. Returns how many runs were ended.
    /// </summary>
    Task<int> EndLeftoversAsync(CancellationToken cancellationToken);
}
