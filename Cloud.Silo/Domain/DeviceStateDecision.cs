using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>What a device state report does to a device's status.</summary>
/// <param name="Changed">True when the status changed and must be persisted.</param>
/// <param name="State">The state afterwards.</param>
/// <param name="StateTime">When the edge observed that state.</param>
/// <param name="LastOnlineTime">The last-online time afterwards.</param>
/// <param name="IgnoredReason">Why the report was ignored, or null.</param>
internal sealed record DeviceStateDecision(
    bool Changed,
    DeviceState State,
    DateTimeOffset? StateTime,
    DateTimeOffset? LastOnlineTime,
    string? IgnoredReason);
