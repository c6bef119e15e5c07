using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>Where a workload stands on one node, as the node's agent reports it (protocol <c>workload.status</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadPhase>))]
public enum WorkloadPhase
{
    /// <summary>Assigned, not yet reported running (the node may be offline, or the assignment not yet delivered).</summary>
    Pending,

    /// <summary>The process runs.</summary>
    Running,

    /// <summary>The process exited with code 0 and is not restarted.</summary>
    Succeeded,

    /// <summary>The process failed and is not restarted, or the node refused the workload (see the reason).</summary>
    Failed,

    /// <summary>The process keeps exiting; the node waits (exponential backoff) before the next start.</summary>
    CrashLoopBackOff,
}
