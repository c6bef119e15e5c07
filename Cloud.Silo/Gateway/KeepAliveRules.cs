namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// The pure decision the heartbeat takes for each connection on each tick. Times are elapsed spans since the
/// connection's last send / receive / close request, so the rule needs no clock.
/// </summary>
internal static class KeepAliveRules
{
    /// <summary>Decides what is due.</summary>
    /// <param name="sinceReceived">Time since anything was received.</param>
    /// <param name="sinceSent">Time since anything was sent.</param>
    /// <param name="sinceCloseRequested">Time since the close was requested, or null while open.</param>
    /// <param name="options">The gateway's timeouts.</param>
    public static KeepAliveAction Evaluate(TimeSpan sinceReceived, TimeSpan sinceSent, TimeSpan? sinceCloseRequested, EdgeGatewayOptions options)
    {
        if (sinceCloseRequested is { } closing)
        {
            // A closing connection sends nothing more; only its deadline matters.
            return closing >= options.CloseTimeout ? KeepAliveAction.Abort : KeepAliveAction.None;
        }

        if (sinceReceived >= options.DeadAfter)
        {
            return KeepAliveAction.Dead;
        }

        return sinceSent >= options.KeepAlive ? KeepAliveAction.SendKeepAlive : KeepAliveAction.None;
    }
}
