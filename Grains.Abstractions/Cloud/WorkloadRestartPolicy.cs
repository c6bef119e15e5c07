using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>When the node starts a workload's process again after it exited (Kubernetes' pod restart policy).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadRestartPolicy>))]
public enum WorkloadRestartPolicy
{
    /// <summary>Always, whatever the exit code (the default).</summary>
    Always,

    /// <summary>Only after a non-zero exit code or a signal.</summary>
    OnFailure,

    /// <summary>Never: the first exit is final (<see cref="WorkloadPhase.Succeeded"/> or <see cref="WorkloadPhase.Failed"/>).</summary>
    Never,
}
