namespace EdgeHive.Grains.Cloud;

/// <summary>What the cloud and the edge maintain about a device; no operator write changes it.</summary>
/// <param name="State">The state last reported by the edge.</param>
/// <param name="StateTime">When the edge observed <paramref name="State"/>, or null if never reported.</param>
/// <param name="LastOnlineTime">When the device was last seen reachable; set only from the edge.</param>
/// <param name="Twin">Twin per property name.</param>
/// <param name="LastOutboxSequence">Highest edge outbox sequence applied to this device (diagnostics; replays are
/// made idempotent by per-property edge versions, not by this number).</param>
public sealed record DeviceStatus(
    DeviceState State,
    DateTimeOffset? StateTime,
    DateTimeOffset? LastOnlineTime,
    IReadOnlyDictionary<string, TwinProperty> Twin,
    long LastOutboxSequence)
{
    private static readonly IReadOnlyDictionary<string, TwinProperty> Empty = new Dictionary<string, TwinProperty>();

    /// <summary>Twin per property name; never null.</summary>
    public IReadOnlyDictionary<string, TwinProperty> Twin { get; init; } = Twin ?? Empty;

    /// <summary>The status of a device that was just created.</summary>
    public static DeviceStatus Initial { get; } = new(DeviceState.Unknown, null, null, Empty, 0);
}
