namespace EdgeHive.Grains.Cloud;

/// <summary>The twin of one property: desired, reported and observed-desired side by side, and whether they agree.</summary>
/// <param name="Desired">The cloud's desired value with version and time, or null if never set.</param>
/// <param name="Reported">The edge's last reported value, or null if never reported.</param>
/// <param name="ObservedDesired">The desired version the edge last applied, or null.</param>
/// <param name="Sync">Whether the edge has applied the current desired version.</param>
/// <param name="SyncReason">Why the edge rejected it, when <paramref name="Sync"/> is <see cref="SyncState.Rejected"/>.</param>
public sealed record TwinProperty(
    DesiredValue? Desired,
    ReportedValue? Reported,
    ObservedDesired? ObservedDesired,
    SyncState Sync,
    string? SyncReason);
