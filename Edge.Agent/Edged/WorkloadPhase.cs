using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>Where a workload stands on its node (Kubernetes' pod phases, with CrashLoopBackOff made a phase of its own).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadPhase>))]
public enum WorkloadPhase
{
    /// <summary>Accepted, not running yet (being started, or waiting for the previous process to stop).</summary>
    Pending,

    /// <summary>Its process runs.</summary>
    Running,

    /// <summary>Exited with code 0 and its restart policy does not start it again.</summary>
    Succeeded,

    /// <summary>Ended for good: a non-zero exit under <see cref="RestartPolicy.Never"/>, or refused (see the reason).</summary>
    Failed,

    /// <summary>Exited and waits out an exponential back-off before the next start.</summary>
    CrashLoopBackOff,
}
