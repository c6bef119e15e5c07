namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// What the gateway remembers about one edge message it sent for a downstream message, until the edge acknowledges
/// it: which session-outbox message it belongs to, whether it is that message's last part (the edge handles a frame
/// in order, so the last part's ack means the whole message is stored), and for a desired twin the property versions
/// to acknowledge on the device grain.
/// </summary>
/// <param name="DownstreamId">Id of the session outbox message.</param>
/// <param name="Last">True for the last edge message of the downstream message.</param>
/// <param name="DeviceKey">The device (<c>{namespace}/{name}</c>) of a <c>twin.desired</c> part, else null.</param>
/// <param name="DesiredVersions">Cloud version per property of a <c>twin.desired</c> part, else null.</param>
internal sealed record OutboundPart(
    string DownstreamId,
    bool Last,
    string? DeviceKey,
    IReadOnlyDictionary<string, long>? DesiredVersions);
