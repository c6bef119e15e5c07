namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>What became of a cloud object message.</summary>
public enum CloudApplyStatus
{
    /// <summary>Stored (and handed to DeviceTwin where it concerns devices); acknowledge.</summary>
    Applied,

    /// <summary>Its version is not newer than the stored one; not re-applied, acknowledged all the same.</summary>
    Stale,

    /// <summary>Refused; answer with an error carrying the code.</summary>
    Rejected,
}
