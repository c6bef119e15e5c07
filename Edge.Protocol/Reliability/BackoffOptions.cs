namespace EdgeHive.Edge.Protocol;

/// <summary>Reconnect backoff settings: 1 s doubling up to 30 s with full jitter by default.</summary>
public sealed record BackoffOptions
{
    /// <summary>Delay scale of the first retry. Default 1 s.</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay. Default 30 s.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Growth factor of the ceiling per attempt (full jitter). Default 2.</summary>
    public double Multiplier { get; init; } = 2;

    /// <summary>Randomisation. Default <see cref="BackoffJitter.Full"/>.</summary>
    public BackoffJitter Jitter { get; init; } = BackoffJitter.Full;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Initial, TimeSpan.Zero, nameof(Initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(Max, Initial, nameof(Max));
        ArgumentOutOfRangeException.ThrowIfLessThan(Multiplier, 1.0, nameof(Multiplier));
    }
}
