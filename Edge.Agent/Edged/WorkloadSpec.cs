using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>A workload as its node runs it: identity, process, restart policy and stop grace period.</summary>
public sealed record WorkloadSpec
{
    /// <summary>Default <see cref="StopGracePeriodSeconds"/>: 30 s, Kubernetes' <c>terminationGracePeriodSeconds</c>.</summary>
    public const int DefaultStopGracePeriodSeconds = 30;

    /// <summary>Namespace (DNS-1123 label).</summary>
    public required string Namespace { get; init; }

    /// <summary>Name within the namespace (DNS-1123 subdomain).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Version of the spec as the cloud numbers it (its resource version); echoed in
    /// <see cref="WorkloadStatus.ObservedGeneration"/> so a status says which spec it reports on. Not part of the
    /// comparison that decides a restart.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>The process to run.</summary>
    public required ProcessSpec Process { get; init; }

    /// <summary>When to start the process again after it exited. Default <see cref="RestartPolicy.Always"/>.</summary>
    public RestartPolicy RestartPolicy { get; init; } = RestartPolicy.Always;

    /// <summary>Seconds between SIGTERM and SIGKILL when the workload is stopped (0 = SIGKILL at once).</summary>
    public int StopGracePeriodSeconds { get; init; } = DefaultStopGracePeriodSeconds;

    /// <summary>The workload's identity.</summary>
    [JsonIgnore]
    public WorkloadKey Key => new(Namespace, Name);

    /// <summary>The stop grace period as a time span.</summary>
    [JsonIgnore]
    public TimeSpan StopGracePeriod => TimeSpan.FromSeconds(StopGracePeriodSeconds);
}
