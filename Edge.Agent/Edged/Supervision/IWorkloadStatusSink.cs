namespace EdgeHive.Edge.Agent.Edged.Supervision;

/// <summary>
/// Where the <see cref="WorkloadSupervisor"/> reports changes (the Edged module writes them to the outbox). Called on
/// the supervisor's loop, one call at a time, in the order of the changes: keep it short.
/// </summary>
public interface IWorkloadStatusSink
{
    /// <summary>A workload's status changed.</summary>
    void StatusChanged(WorkloadStatus status);

    /// <summary>A removed workload has stopped and is forgotten.</summary>
    void Removed(WorkloadKey key);
}
