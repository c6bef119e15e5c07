namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>
/// Pure reconnect delay: exponential from the minimum, capped, with "equal jitter" (half fixed, half random) so a
/// fleet of devices reconnecting after an outage spreads out instead of stampeding.
/// </summary>
internal static class ReconnectBackoff
{
    /// <summary>The delay before attempt <paramref name="attempt"/> (0-based); <paramref name="jitter"/> in [0, 1).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, double jitter)
    {
        var exponent = Math.Min(attempt, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (half * Math.Clamp(jitter, 0, 1)));
    }
}
