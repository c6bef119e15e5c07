namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>KubeEdge's <c>$hw/events/...</c> topics: parsing incoming ones and building outgoing ones.</summary>
public static class DeviceTopics
{
    /// <summary>Prefix of per-device topics.</summary>
    public const string DevicePrefix = "$hw/events/device/";

    /// <summary>Prefix of per-node topics.</summary>
    public const string NodePrefix = "$hw/events/node/";

    /// <summary>Prefix of free-form upload topics.</summary>
    public const string UploadPrefix = "$hw/events/upload";

    /// <summary>Topic filters the edge subscribes to, both id forms included.</summary>
    public static readonly IReadOnlyList<string> Subscriptions =
    [
        "$hw/events/upload/#",
        "$hw/events/device/+/+/state/update",
        "$hw/events/device/+/+/twin/+",
        "$hw/events/device/+/state/update",
        "$hw/events/device/+/twin/+",
        "$hw/events/node/+/membership/get",
    ];

    /// <summary>Classifies <paramref name="topic"/>; never throws.</summary>
    public static DeviceTopic Parse(string topic)
    {
        if (topic == UploadPrefix || topic.StartsWith(UploadPrefix + "/", StringComparison.Ordinal))
        {
            // "…/result" under the upload prefix carries the edge's own answer to a refused upload (the edge
            // subscribes to the whole prefix, so it would otherwise forward its answers to the cloud).
            return topic.EndsWith("/result", StringComparison.Ordinal)
                ? Ignored(topic)
                : new DeviceTopic(TopicKind.Upload, topic, null, null, null, null);
        }

        if (topic.StartsWith(NodePrefix, StringComparison.Ordinal))
        {
            var parts = topic[NodePrefix.Length..].Split('/');
            return parts is [var node, "membership", "get"] && node.Length > 0
                ? new DeviceTopic(TopicKind.MembershipGet, topic, null, null, null, node)
                : Ignored(topic);
        }

        if (!topic.StartsWith(DevicePrefix, StringComparison.Ordinal))
        {
            return Ignored(topic);
        }

        var segments = topic[DevicePrefix.Length..].Split('/');
        if (segments.Length < 3)
        {
            return Ignored(topic);
        }

        var kind = (segments[^2], segments[^1]) switch
        {
            ("twin", "update") => TopicKind.TwinUpdate,
            ("twin", "get") => TopicKind.TwinGet,
            ("state", "update") => TopicKind.StateUpdate,
            _ => TopicKind.Ignored,
        };
        if (kind == TopicKind.Ignored)
        {
            return Ignored(topic);
        }

        var id = segments[..^2];
        var idText = string.Join('/', id);
        return id switch
        {
            [var ns, var name] when ns.Length > 0 && name.Length > 0 => new DeviceTopic(kind, topic, idText, ns, name, null),
            [var name] when name.Length > 0 => new DeviceTopic(kind, topic, idText, null, name, null),
            _ => new DeviceTopic(TopicKind.Malformed, topic, idText, null, null, null),
        };
    }

    /// <summary><c>$hw/events/device/{id}/twin/update/delta</c>.</summary>
    public static string Delta(string deviceIdText) => DevicePrefix + deviceIdText + "/twin/update/delta";

    /// <summary><c>$hw/events/device/{id}/twin/update/document</c>.</summary>
    public static string Document(string deviceIdText) => DevicePrefix + deviceIdText + "/twin/update/document";

    /// <summary><c>$hw/events/device/{id}/twin/cloud_updated</c>.</summary>
    public static string CloudUpdated(string deviceIdText) => DevicePrefix + deviceIdText + "/twin/cloud_updated";

    /// <summary><c>$hw/events/device/{id}/updated</c>.</summary>
    public static string DeviceUpdated(string deviceIdText) => DevicePrefix + deviceIdText + "/updated";

    /// <summary><c>$hw/events/node/{node}/membership/updated</c>.</summary>
    public static string MembershipUpdated(string node) => NodePrefix + node + "/membership/updated";

    private static DeviceTopic Ignored(string topic) => new(TopicKind.Ignored, topic, null, null, null, null);
}
