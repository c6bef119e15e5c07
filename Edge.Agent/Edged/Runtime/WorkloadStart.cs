namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>The outcome of <see cref="IWorkloadRuntime.StartAsync"/>: a running instance, or why there is none.</summary>
public sealed record WorkloadStart
{
    /// <summary>The run; null when the start was refused or failed.</summary>
    public IWorkloadInstance? Instance { get; private init; }

    /// <summary>A <see cref="WorkloadReasons"/> word when <see cref="Instance"/> is null.</summary>
    public string? Reason { get; private init; }

    /// <summary>A sentence saying why nothing runs.</summary>
    public string? Message { get; private init; }

    /// <summary>
    /// True when trying the same spec again may succeed (the executable may appear later): the restart policy decides.
    /// False for refusals that only a different spec or node configuration can lift.
    /// </summary>
    public bool Retryable { get; private init; }

    /// <summary>A started run.</summary>
    public static WorkloadStart Started(IWorkloadInstance instance) => new() { Instance = instance };

    /// <summary>Refused for good: the spec breaks a rule of the node.</summary>
    public static WorkloadStart Refused(string reason, string message) => new() { Reason = reason, Message = message };

    /// <summary>Did not start this time; the restart policy decides whether to try again.</summary>
    public static WorkloadStart Failed(string reason, string message) => new() { Reason = reason, Message = message, Retryable = true };
}
