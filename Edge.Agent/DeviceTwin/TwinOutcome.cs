using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>
/// What handling one message produced, once its store changes are committed: messages to publish to MQTT, outbox
/// entries to send upstream, and refusals (for cloud updates, to report back to the cloud).
/// </summary>
/// <param name="Publications">MQTT publications, in order.</param>
/// <param name="Outbox">Committed outbox entries.</param>
/// <param name="Rejections">Refused properties or requests.</param>
public sealed record TwinOutcome(IReadOnlyList<MqttPublication> Publications, IReadOnlyList<OutboxEntry> Outbox, IReadOnlyList<TwinRejection> Rejections)
{
    /// <summary>Nothing to do.</summary>
    public static TwinOutcome None { get; } = new([], [], []);
}
