namespace EdgeHive.Grains.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No requests for longer than the idle collection age.</summary>
    IdleCollection,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The grain asked for it.</summary>
    ApplicationRequested,

    /// <summary>A state write found a newer version in storage; the next call reloads.</summary>
    InconsistentState,

    /// <summary>Activation failed.</summary>
    ActivationFailed,

    /// <summary>Another activation of the grain won the directory registration.</summary>
    DuplicateActivation,
}

/// <summary>Why an activation is being deactivated, with a description.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
