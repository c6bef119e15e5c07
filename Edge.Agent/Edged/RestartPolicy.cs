using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>When Edged starts a workload's process again after it exited (Kubernetes' pod restart policy).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPolicy>))]
public enum RestartPolicy
{
    /// <summary>After every exit, successful or not (a service).</summary>
    Always,

    /// <summary>After a non-zero exit or a failed start; an exit with code 0 ends it as Succeeded (a job that retries).</summary>
    OnFailure,

    /// <summary>Never: the first exit is final, Succeeded with code 0, Failed otherwise.</summary>
    Never,
}
