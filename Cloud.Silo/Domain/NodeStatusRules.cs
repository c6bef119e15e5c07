using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// A node's status from its session and heartbeats, and which session events count. Pure: the time is supplied.
/// Keepalive is 15 s and a node is dead after 30 s without being heard from (KubeEdge's defaults).
/// </summary>
internal static class NodeStatusRules
{
    /// <summary>How long a node may stay silent before it counts as offline.</summary>
    public static readonly TimeSpan DefaultDeadAfter = TimeSpan.FromSeconds(30);

    /// <summary>Derives the status: unknown if the node never connected; offline without an attached session or
    /// when the last sign of life (heartbeat or attach) is <paramref name="deadAfter"/> or more ago; online otherwise.</summary>
    public static NodeStatusEvaluation Evaluate(
        NodeSession session,
        DateTimeOffset? lastHeartbeat,
        DateTimeOffset now,
        TimeSpan deadAfter)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Epoch == 0 && lastHeartbeat is null)
        {
            return new NodeStatusEvaluation(NodeStatus.Unknown, null);
        }

        if (!session.Attached)
        {
            return new NodeStatusEvaluation(NodeStatus.Offline, null);
        }

        var lastAlive = Max(lastHeartbeat, session.Since);
        if (lastAlive is not { } alive)
        {
            return new NodeStatusEvaluation(NodeStatus.Unknown, null);
        }

        var until = alive + deadAfter;
        return now >= until
            ? new NodeStatusEvaluation(NodeStatus.Offline, null)
            : new NodeStatusEvaluation(NodeStatus.Online, until);
    }

    /// <summary>A heartbeat counts when it comes from the current epoch or a newer one (the attach notification may
    /// still be on its way); one from a replaced connection does not.</summary>
    public static bool AcceptsHeartbeat(NodeSession session, long epoch)
    {
        ArgumentNullException.ThrowIfNull(session);
        return epoch > session.Epoch || (epoch == session.Epoch && session.Attached);
    }

    /// <summary>The session after a connection of <paramref name="epoch"/> attached on <paramref name="silo"/>, or
    /// null when the event is older than what is known (or a repeat of it).</summary>
    public static NodeSession? ApplyAttached(NodeSession session, string silo, long epoch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return epoch > session.Epoch ? new NodeSession(silo, epoch, true, now) : null;
    }

    /// <summary>The session after the connection of <paramref name="epoch"/> detached, or null when that is not the
    /// attached connection (a replaced connection closing late must not take the node offline).</summary>
    public static NodeSession? ApplyDetached(NodeSession session, long epoch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return epoch == session.Epoch && session.Attached ? session with { Attached = false, Since = now } : null;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
