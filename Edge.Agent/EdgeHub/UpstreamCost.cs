using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// What a frame costs against the cloud's per-node token bucket (protocol §8). The gateway charges only what the node
/// asks it to store or answer; acks, keepalives and error replies answer the cloud's own traffic and are free. Pacing
/// them too would cap how fast the node can acknowledge downstream messages at the upstream rate: a burst of desired
/// updates (two messages each) then backs acks up until the receive loop waits for queue room, and every later
/// downstream message waits with it.
/// </summary>
internal static class UpstreamCost
{
    /// <summary>True when the gateway takes a token for <paramref name="message"/>.</summary>
    public static bool IsCharged(EdgeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return RateLimitCharge.IsCharged(message.Content);
    }

    /// <summary>The tokens <paramref name="batch"/> costs: its charged messages.</summary>
    public static int Of(IReadOnlyList<EdgeMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var cost = 0;
        foreach (var message in batch)
        {
            if (IsCharged(message))
            {
                cost++;
            }
        }

        return cost;
    }
}
