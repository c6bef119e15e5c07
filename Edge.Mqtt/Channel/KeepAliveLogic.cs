namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>Pure keepalive rule of §3.1.2.10: a client silent for 1.5 × its keepalive is disconnected.</summary>
internal static class KeepAliveLogic
{
    /// <summary>Whether a connection with <paramref name="keepAliveSeconds"/> silent for <paramref name="silence"/> is dead.</summary>
    public static bool IsExpired(ushort keepAliveSeconds, TimeSpan silence) =>
        keepAliveSeconds != 0 && silence > TimeSpan.FromSeconds(keepAliveSeconds * 1.5);
}
