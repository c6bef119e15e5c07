namespace EdgeHive.Edge.Protocol;

/// <summary>Route groups: which module handles a message on the receiving side.</summary>
public static class EdgeGroups
{
    /// <summary>Session control between the cloud gateway and the agent's hub: welcome, keepalive, ack, error.</summary>
    public const string Hub = "hub";

    /// <summary>Cloud objects the agent stores (devices, device models); handled by MetaManager.</summary>
    public const string Resource = "resource";

    /// <summary>Device twin traffic: membership, desired and reported values, device state; handled by DeviceTwin.</summary>
    public const string Twin = "twin";

    /// <summary>Node metadata: node status and heartbeat.</summary>
    public const string Meta = "meta";

    /// <summary>Free-form user events from MQTT (<c>$hw/events/upload/#</c>); handled by EventBus.</summary>
    public const string User = "user";

    /// <summary>HTTP requests forwarded to applications on the node; handled by ServiceBus.</summary>
    public const string ServiceBus = "servicebus";

    /// <summary>Workloads (KubeEdge's edged).</summary>
    public const string Edged = "edged";
}
