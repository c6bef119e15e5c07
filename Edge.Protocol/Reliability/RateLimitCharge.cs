namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Which messages cost a token of the per-node rate limit (protocol §8). Only what a node asks the cloud to store or
/// answer is charged; acks, keepalives and error replies answer the other side's traffic and are free. The gateway
/// enforces this rule and the agent paces by it, so both read it from here.
/// </summary>
public static class RateLimitCharge
{
    /// <summary>True when <paramref name="content"/> takes a token.</summary>
    public static bool IsCharged(EdgePayload content) => content is not (Ack or KeepAlive or ErrorResult);
}
