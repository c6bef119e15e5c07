namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Builds <see cref="MessageRoute.Resource"/> keys. A key names one object; per-object merging on resend and the
/// cloud's object-sync records use it, so every message that replaces an object's whole state uses the same key.
/// </summary>
public static class ResourceKeys
{
    /// <summary><c>node/{node}</c>.</summary>
    public static string Node(string nodeName) => "node/" + nodeName;

    /// <summary><c>device/{namespace}/{name}</c>: the device spec and its membership on the node.</summary>
    public static string Device(string @namespace, string name) => $"device/{@namespace}/{name}";

    /// <summary><c>device/{namespace}/{name}/twin</c>: the device's whole desired twin.</summary>
    public static string DeviceTwin(string @namespace, string name) => $"device/{@namespace}/{name}/twin";

    /// <summary><c>devicemodel/{namespace}/{name}</c>.</summary>
    public static string DeviceModel(string @namespace, string name) => $"devicemodel/{@namespace}/{name}";

    /// <summary><c>workload/{namespace}/{name}</c>: a workload's spec on the node and its status from it.</summary>
    public static string Workload(string @namespace, string name) => $"workload/{@namespace}/{name}";
}
