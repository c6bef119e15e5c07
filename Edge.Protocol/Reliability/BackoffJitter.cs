namespace EdgeHive.Edge.Protocol;

/// <summary>How reconnect delays are randomised so a fleet reconnecting after an outage spreads out.</summary>
public enum BackoffJitter
{
    /// <summary>Uniform between 0 and the exponential ceiling ("full jitter").</summary>
    Full,

    /// <summary>Uniform between the initial delay and three times the previous delay, capped ("decorrelated jitter").</summary>
    Decorrelated,
}
