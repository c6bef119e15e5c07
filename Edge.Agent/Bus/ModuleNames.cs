namespace EdgeHive.Edge.Agent.Bus;

/// <summary>Module and group names, as KubeEdge names them, so routes read the same as in edgecore.</summary>
public static class ModuleNames
{
    /// <summary>The cloud link module (WebSocket client).</summary>
    public const string EdgeHub = "edgehub";

    /// <summary>The cloud object cache module.</summary>
    public const string MetaManager = "metamanager";

    /// <summary>The device twin module.</summary>
    public const string DeviceTwin = "twin";

    /// <summary>The MQTT bridge module.</summary>
    public const string EventBus = "eventbus";

    /// <summary>The local HTTP forwarding module.</summary>
    public const string ServiceBus = "servicebus";

    /// <summary>The simulated-device mapper module.</summary>
    public const string Mapper = "mapper";

    /// <summary>The workload module (KubeEdge's edged).</summary>
    public const string Edged = "edged";

    /// <summary>Group of the cloud link.</summary>
    public const string HubGroup = "hub";

    /// <summary>Group of the metadata cache.</summary>
    public const string MetaGroup = "meta";

    /// <summary>Group of the device twin.</summary>
    public const string TwinGroup = "twin";

    /// <summary>Group of the MQTT bridge.</summary>
    public const string BusGroup = "bus";

    /// <summary>Group of the workload module.</summary>
    public const string EdgedGroup = "edged";

    /// <summary>Group of user-facing forwarding modules.</summary>
    public const string UserGroup = "user";
}
