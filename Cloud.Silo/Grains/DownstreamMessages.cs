using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Builds the downstream messages of devices and memberships. Every message carries the whole object (the device
/// document with its model's properties, the node's full device list) rather than a delta, so that merging the
/// outbox down to the newest message per object loses nothing.
/// </summary>
internal static class DownstreamMessages
{
    /// <summary>KubeEdge's operation for a new object on the node.</summary>
    public const string Insert = "insert";

    /// <summary>KubeEdge's operation for a changed object.</summary>
    public const string Update = "update";

    /// <summary>KubeEdge's operation for a removed object.</summary>
    public const string Delete = "delete";

    /// <summary>KubeEdge's operation for a node's device membership list.</summary>
    public const string MembershipOperation = "membership";

    /// <summary>A device message: the device document and the properties of its model.</summary>
    public static DownstreamMessage Device(Device device, IReadOnlyList<DeviceModelProperty> modelProperties, string operation, DateTimeOffset now)
    {
        var content = JsonSerializer.Serialize(new DeviceContent(device, modelProperties), CloudJson.Options);
        return new DownstreamMessage(NewId(), ObjectKind.Device, device.Key, operation, device.ResourceVersion, now, content);
    }

    /// <summary>A membership message: every device bound to the node, and which device this change added or removed.</summary>
    public static DownstreamMessage Membership(EdgeNode node, IReadOnlyList<string> added, IReadOnlyList<string> removed, DateTimeOffset now)
    {
        var content = JsonSerializer.Serialize(new MembershipContent(node.Name, node.Devices, added, removed), CloudJson.Options);
        return new DownstreamMessage(NewId(), ObjectKind.Membership, node.Name, MembershipOperation, node.ResourceVersion, now, content);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Body of a device message.</summary>
    /// <param name="Device">The device document.</param>
    /// <param name="ModelProperties">Its model's properties, so the edge can check reported values offline.</param>
    internal sealed record DeviceContent(Device Device, IReadOnlyList<DeviceModelProperty> ModelProperties);

    /// <summary>Body of a membership message. <paramref name="Devices"/> is authoritative; <paramref name="Added"/> and
    /// <paramref name="Removed"/> describe only the change that produced this message (an older merged-away message may
    /// have changed more).</summary>
    internal sealed record MembershipContent(string Node, IReadOnlyList<string> Devices, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);
}
