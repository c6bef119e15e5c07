namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>One run of a workload, as started by an <see cref="IWorkloadRuntime"/>.</summary>
public interface IWorkloadInstance
{
    /// <summary>The workload this run belongs to.</summary>
    WorkloadKey Key { get; }

    /// <summary>Process id of the run's main process.</summary>
    int Pid { get; }

    /// <summary>When the run started.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the run is over: its main process exited and nothing else of it is left running.</summary>
    Task<WorkloadExit> Exited { get; }
}
