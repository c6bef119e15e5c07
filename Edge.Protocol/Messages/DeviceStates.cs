namespace EdgeHive.Edge.Protocol;

/// <summary>Device states KubeEdge devices report on <c>$hw/events/device/{id}/state/update</c>.</summary>
/// <remarks>The field is a free string so that a mapper's own state names pass through unchanged.</remarks>
public static class DeviceStates
{
    /// <summary>The device is reachable.</summary>
    public const string Online = "online";

    /// <summary>The device is not reachable.</summary>
    public const string Offline = "offline";

    /// <summary>The device works normally.</summary>
    public const string Ok = "ok";

    /// <summary>Nothing is known.</summary>
    public const string Unknown = "unknown";

    /// <summary>The device reports a fault.</summary>
    public const string Unhealthy = "unhealthy";
}
