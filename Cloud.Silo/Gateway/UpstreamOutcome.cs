namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>How the gateway answers one upstream message.</summary>
/// <param name="Ack">True: acknowledge it (the grain persisted it, or it was a harmless replay).</param>
/// <param name="ErrorCode">When not <paramref name="Ack"/> and not 0: reject with this <c>ErrorCodes</c> value.</param>
/// <param name="Reason">The error's reason.</param>
internal readonly record struct UpstreamOutcome(bool Ack, int ErrorCode, string? Reason)
{
    /// <summary>Acknowledge.</summary>
    public static UpstreamOutcome Acknowledge { get; } = new(true, 0, null);

    /// <summary>Neither ack nor error (kinds that are not acknowledged).</summary>
    public static UpstreamOutcome Nothing { get; } = new(false, 0, null);

    /// <summary>Reject with <paramref name="code"/>.</summary>
    public static UpstreamOutcome Error(int code, string reason) => new(false, code, reason);
}
