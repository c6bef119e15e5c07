namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>A parsed incoming topic.</summary>
/// <param name="Kind">The request kind.</param>
/// <param name="Topic">The topic as received; replies go to <c>{Topic}/result</c>.</param>
/// <param name="DeviceIdText">The device id exactly as written in the topic (<c>ns/name</c> or the older <c>name</c>);
/// follow-up topics (delta, document) reuse it so the device receives them in the form it subscribed to.</param>
/// <param name="Namespace">Namespace, or null for the older single-segment form.</param>
/// <param name="Name">Device name (device topics).</param>
/// <param name="Node">Node name (membership topics).</param>
public readonly record struct DeviceTopic(TopicKind Kind, string Topic, string? DeviceIdText, string? Namespace, string? Name, string? Node)
{
    /// <summary>The topic a reply to this request goes to.</summary>
    public string ResultTopic => Topic + "/result";
}
