using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class TwinMergeTests
{
    private static readonly DateTimeOffset T0 = Samples.T0;
    private static readonly IReadOnlyDictionary<string, TwinProperty> Empty = new Dictionary<string, TwinProperty>();

    [Fact]
    public void New_desired_value_is_pending_with_the_given_version()
    {
        var update = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0);

        var property = update.Twin["setpoint"];
        Assert.Equal(["setpoint"], update.Applied);
        Assert.Equal(new DesiredValue("21", 4, T0), property.Desired);
        Assert.Equal(SyncState.Pending, property.Sync);
        Assert.Equal([new DesiredChange("setpoint", "21", 4)], TwinMerge.PendingForEdge(update.Twin));
    }

    [Fact]
    public void Setting_the_same_value_again_changes_nothing()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;

        var again = TwinMerge.ApplyDesired(twin, Desired("setpoint", "21"), 5, T0.AddSeconds(1));

        Assert.False(again.Changed);
        Assert.Same(twin, again.Twin);
        Assert.Equal(4, again.Twin["setpoint"].Desired!.Version);
    }

    [Fact]
    public void Desired_change_with_an_older_cloud_version_is_refused()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 9, T0).Twin;

        var stale = TwinMerge.ApplyDesired(twin, Desired("setpoint", "22"), 8, T0);

        Assert.False(stale.Changed);
        Assert.Contains("not newer", Assert.Single(stale.Ignored).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removal_is_a_pending_tombstone_until_the_edge_acknowledges_it()
    {
        var twin = Acked(TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin, "setpoint", 4);

        var removed = TwinMerge.ApplyDesired(twin, Desired("setpoint", null), 6, T0).Twin;

        Assert.Equal(new DesiredValue(null, 6, T0), removed["setpoint"].Desired);
        Assert.Equal([new DesiredChange("setpoint", null, 6)], TwinMerge.PendingForEdge(removed));
        var acked = TwinMerge.ApplyAcks(removed, Ack("setpoint", 6, accepted: true), T0);
        Assert.False(acked.Twin.ContainsKey("setpoint"));
        Assert.Empty(TwinMerge.PendingForEdge(acked.Twin));
    }

    [Fact]
    public void Acknowledged_removal_keeps_the_reported_value()
    {
        var twin = Report(TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin, "setpoint", "20", 1);
        var removed = TwinMerge.ApplyDesired(twin, Desired("setpoint", null), 5, T0).Twin;

        var acked = TwinMerge.ApplyAcks(removed, Ack("setpoint", 5, accepted: true), T0).Twin;

        Assert.Equal("20", acked["setpoint"].Reported!.Value);
        Assert.Equal(SyncState.InSync, acked["setpoint"].Sync);
        Assert.Null(acked["setpoint"].ObservedDesired!.Value);
    }

    [Fact]
    public void Acknowledging_the_current_version_makes_the_property_in_sync()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;

        var update = TwinMerge.ApplyAcks(twin, Ack("setpoint", 4, accepted: true), T0.AddSeconds(3));

        var property = update.Twin["setpoint"];
        Assert.Equal(SyncState.InSync, property.Sync);
        Assert.Equal(new ObservedDesired("21", 4, T0.AddSeconds(3)), property.ObservedDesired);
        Assert.Empty(TwinMerge.PendingForEdge(update.Twin));
    }

    [Theory]
    [InlineData(3L, "superseded")]
    [InlineData(5L, "never sent")]
    public void Acknowledgement_of_another_version_is_ignored(long version, string reason)
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;

        var update = TwinMerge.ApplyAcks(twin, Ack("setpoint", version, accepted: true), T0);

        Assert.False(update.Changed);
        Assert.Contains(reason, Assert.Single(update.Ignored).Message, StringComparison.Ordinal);
        Assert.Equal(SyncState.Pending, update.Twin["setpoint"].Sync);
    }

    [Fact]
    public void Repeated_acknowledgement_is_a_duplicate()
    {
        var twin = Acked(TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin, "setpoint", 4);

        var again = TwinMerge.ApplyAcks(twin, Ack("setpoint", 4, accepted: true), T0.AddMinutes(1));
        var lateRefusal = TwinMerge.ApplyAcks(twin, Ack("setpoint", 4, accepted: false), T0.AddMinutes(1));

        Assert.False(again.Changed);
        Assert.False(lateRefusal.Changed);
        Assert.Contains("duplicate", again.Ignored[0].Message, StringComparison.Ordinal);
        Assert.Equal(SyncState.InSync, lateRefusal.Twin["setpoint"].Sync);
    }

    [Fact]
    public void Refusal_marks_rejected_with_reason_and_stops_resending_until_the_value_changes()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;

        var rejected = TwinMerge.ApplyAcks(twin, Ack("setpoint", 4, accepted: false, "conflict: edge holds version 9"), T0).Twin;

        Assert.Equal(SyncState.Rejected, rejected["setpoint"].Sync);
        Assert.Equal("conflict: edge holds version 9", rejected["setpoint"].SyncReason);
        Assert.Empty(TwinMerge.PendingForEdge(rejected));
        var changed = TwinMerge.ApplyDesired(rejected, Desired("setpoint", "22"), 10, T0).Twin;
        Assert.Equal(SyncState.Pending, changed["setpoint"].Sync);
        Assert.Null(changed["setpoint"].SyncReason);
        Assert.Single(TwinMerge.PendingForEdge(changed));
    }

    [Fact]
    public void Rejected_version_may_still_be_accepted_later()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;
        var rejected = TwinMerge.ApplyAcks(twin, Ack("setpoint", 4, accepted: false), T0).Twin;

        var accepted = TwinMerge.ApplyAcks(rejected, Ack("setpoint", 4, accepted: true), T0).Twin;

        Assert.Equal(SyncState.InSync, accepted["setpoint"].Sync);
    }

    [Fact]
    public void Acknowledgement_without_desired_value_is_ignored()
    {
        var update = TwinMerge.ApplyAcks(Empty, Ack("setpoint", 1, accepted: true), T0);

        Assert.Contains("no desired value", Assert.Single(update.Ignored).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newer_edge_version_is_applied()
    {
        var twin = Report(Empty, "temperature", "19", 3);

        var update = TwinMerge.ApplyReport(twin, ReportOf("temperature", "20", 4), Samples.ThermostatProperties, TwinLimits.Default);

        Assert.Equal(["temperature"], update.Applied);
        Assert.Equal(new ReportedValue("20", T0, 4), update.Twin["temperature"].Reported);
    }

    [Theory]
    [InlineData(2L, "20", "stale")]
    [InlineData(3L, "19", "duplicate")]
    [InlineData(3L, "21", "conflict")]
    [InlineData(0L, "20", "must be positive")]
    public void Stale_or_replayed_edge_version_is_ignored(long edgeVersion, string value, string reason)
    {
        var twin = Report(Empty, "temperature", "19", 3);

        var update = TwinMerge.ApplyReport(twin, ReportOf("temperature", value, edgeVersion), Samples.ThermostatProperties, TwinLimits.Default);

        Assert.False(update.Changed);
        Assert.Same(twin, update.Twin);
        Assert.Contains(reason, Assert.Single(update.Ignored).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_reports_in_any_order_ends_with_the_newest_value()
    {
        var reports = Enumerable.Range(1, 50).Select(v => ReportOf("temperature", "v" + v, v)).ToList();
        var shuffled = reports.Concat(reports).OrderBy(r => (r.Properties["temperature"].EdgeVersion * 7919) % 101).ToList();

        var twin = Empty;
        foreach (var report in shuffled)
        {
            twin = TwinMerge.ApplyReport(twin, report, Samples.ThermostatProperties, TwinLimits.Default).Twin;
        }

        Assert.Equal(new ReportedValue("v50", T0, 50), twin["temperature"].Reported);
    }

    [Fact]
    public void Report_does_not_touch_desired_state()
    {
        var twin = TwinMerge.ApplyDesired(Empty, Desired("setpoint", "21"), 4, T0).Twin;

        var update = TwinMerge.ApplyReport(twin, ReportOf("setpoint", "20", 1), Samples.ThermostatProperties, TwinLimits.Default);

        Assert.Equal(twin["setpoint"].Desired, update.Twin["setpoint"].Desired);
        Assert.Equal(SyncState.Pending, update.Twin["setpoint"].Sync);
    }

    [Fact]
    public void Unknown_and_oversized_reports_are_ignored_per_property()
    {
        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate>
        {
            ["temperature"] = new("20", 1, T0),
            ["humidity"] = new("40", 1, T0),
            ["label"] = new(new string('x', 11), 1, T0),
        });

        var update = TwinMerge.ApplyReport(Empty, report, Samples.ThermostatProperties, new TwinLimits { MaxValueLength = 10 });

        Assert.Equal(["temperature"], update.Applied);
        Assert.Equal(["humidity", "label"], update.Ignored.Select(i => i.Property));
    }

    [Fact]
    public void Report_that_would_exceed_the_document_limit_is_ignored_whole()
    {
        var report = new EdgeTwinReport(1, new Dictionary<string, ReportedPropertyUpdate>
        {
            ["temperature"] = new("20", 1, T0),
            ["label"] = new(new string('x', 100), 1, T0),
        });

        var update = TwinMerge.ApplyReport(Empty, report, Samples.ThermostatProperties, new TwinLimits { MaxDocumentBytes = 64 });

        Assert.False(update.Changed);
        Assert.All(update.Ignored, i => Assert.Contains("the limit is 64 bytes", i.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, SyncState.Pending, SyncState.InSync)]
    [InlineData(5L, null, SyncState.Pending, SyncState.Pending)]
    [InlineData(5L, 4L, SyncState.Pending, SyncState.Pending)]
    [InlineData(5L, 5L, SyncState.Pending, SyncState.InSync)]
    [InlineData(5L, 6L, SyncState.Pending, SyncState.InSync)]
    [InlineData(5L, 4L, SyncState.Rejected, SyncState.Rejected)]
    [InlineData(5L, 5L, SyncState.Rejected, SyncState.InSync)]
    public void Sync_state_follows_desired_and_observed_versions(long? desired, long? observed, SyncState stored, SyncState expected)
    {
        var property = new TwinProperty(
            desired is { } d ? new DesiredValue("1", d, T0) : null,
            null,
            observed is { } o ? new ObservedDesired("1", o, T0) : null,
            stored,
            null);

        Assert.Equal(expected, TwinMerge.SyncStateOf(property));
    }

    [Fact]
    public void Pending_list_is_ordered_by_property_and_skips_synced_ones()
    {
        var twin = TwinMerge.ApplyDesired(Empty, new Dictionary<string, string?> { ["b"] = "2", ["a"] = "1", ["c"] = "3" }, 4, T0).Twin;
        twin = Acked(twin, "b", 4);

        Assert.Equal(["a", "c"], TwinMerge.PendingForEdge(twin).Select(c => c.Property));
    }

    private static Dictionary<string, string?> Desired(string property, string? value) => new() { [property] = value };

    private static Dictionary<string, DesiredAck> Ack(string property, long version, bool accepted, string? reason = null) =>
        new() { [property] = new DesiredAck(version, accepted, reason) };

    private static EdgeTwinReport ReportOf(string property, string value, long edgeVersion) =>
        new(edgeVersion, new Dictionary<string, ReportedPropertyUpdate> { [property] = new(value, edgeVersion, T0) });

    private static IReadOnlyDictionary<string, TwinProperty> Acked(IReadOnlyDictionary<string, TwinProperty> twin, string property, long version) =>
        TwinMerge.ApplyAcks(twin, Ack(property, version, accepted: true), T0).Twin;

    private static IReadOnlyDictionary<string, TwinProperty> Report(IReadOnlyDictionary<string, TwinProperty> twin, string property, string value, long edgeVersion) =>
        TwinMerge.ApplyReport(twin, ReportOf(property, value, edgeVersion), Samples.ThermostatProperties, TwinLimits.Default).Twin;
}
