using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary>The grains a standalone portal reads the cluster through (Orleans grains), called over a real gateway
/// connection of an Orleans cluster client, with the change observer a client object.</summary>
public sealed class PortalGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private PortalGrainSilo _silo = default!;

    private IPortalQueryGrain Query => _silo.Client.GetGrain<IPortalQueryGrain>("portal-test");

    public async Task InitializeAsync() => _silo = await PortalGrainSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Query_grain_pages_devices_with_cursors_and_applies_node_and_label_filters()
    {
        var grains = _silo.Grains;
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.RegisterNodeAsync(grains, "edge-1");
        await Fixtures.RegisterNodeAsync(grains, "edge-2");
        for (var i = 0; i < 5; i++)
        {
            var zone = i % 2 == 0 ? "north" : "south";
            await Fixtures.CreateDeviceAsync(grains, $"default/a{i}", Fixtures.Spec("edge-1", labels: new Dictionary<string, string> { ["zone"] = zone }));
        }

        await Fixtures.CreateDeviceAsync(grains, "default/b0", Fixtures.Spec("edge-2"));

        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Query.ListDevices(new DeviceFilter(null, "edge-1", null, null, []), new PageRequest("name", false, 2, cursor));
            Assert.Equal(5, page.Total);
            Assert.InRange(page.Items.Count, 1, 2);
            names.AddRange(page.Items.Select(d => d.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], names);
        Assert.Equal(3, pages);

        var north = await Query.ListDevices(new DeviceFilter("default", null, null, null, ["zone=north"]), new PageRequest("name", true, 25, null));
        Assert.Equal(["a4", "a2", "a0"], north.Items.Select(d => d.Name));

        var nodes = await Query.ListNodes(NodeFilter.None, PageRequest.First());
        Assert.Equal(["edge-1", "edge-2"], nodes.Items.Select(n => n.Name));
        var models = await Query.ListModels("default", PageRequest.First());
        Assert.Equal("thermostat", Assert.Single(models.Items).Name);
        await Assert.ThrowsAsync<ArgumentException>(() => Query.ListDevices(DeviceFilter.None, new PageRequest(null, false, 2, "not-a-cursor")));
    }

    [Fact]
    public async Task Query_grain_reports_the_feed_position_recent_changes_and_its_silo()
    {
        var grains = _silo.Grains;
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.RegisterNodeAsync(grains, "edge-1");
        await Eventually.TrueAsync(async () => await Query.LatestChangeId() > 0, Deadline, "the changes are stored");

        var recent = await Query.RecentChanges(10);
        Assert.Equal(await Query.LatestChangeId(), recent[0].Id);
        Assert.Contains(recent, c => c is { Kind: "node", Key: "edge-1", Operation: "created" });
        var silo = Assert.Single(await Query.Silos());
        Assert.True(silo.IsLocal);
        Assert.Equal("Active", silo.Status, ignoreCase: true);
        Assert.Equal(_silo.Address.ToParsableString(), silo.Address);
        Assert.True(silo.Activations!.GetValueOrDefault("PortalQueryGrain") >= 1, "the query grain answering counts itself");
    }

    [Fact]
    public async Task Changes_after_the_given_id_reach_the_observer_and_a_resubscription_misses_nothing()
    {
        var grains = _silo.Grains;
        var observer = new RecordingChangeObserver();
        var reference = _silo.Client.CreateObjectReference<IPortalChangeObserver>(observer);
        var subscription = _silo.Client.GetGrain<IPortalChangesGrain>("portal-test");
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.RegisterNodeAsync(grains, "edge-1");
        await Eventually.TrueAsync(async () => await Query.LatestChangeId() > 0, Deadline, "the setup's changes are stored");
        var start = await Query.LatestChangeId();

        // Stored before the subscription: delivered because it is after the given id.
        await Fixtures.CreateDeviceAsync(grains, "default/d1", Fixtures.Spec("edge-1"));
        Assert.True(await subscription.Subscribe(reference, start));
        Assert.False(await subscription.Subscribe(reference, start));
        await Fixtures.CreateDeviceAsync(grains, "default/d2", Fixtures.Spec("edge-1"));
        await Eventually.TrueAsync(() => Devices(observer).Contains("default/d2"), Deadline, "the live change arrives");

        await subscription.Unsubscribe();
        var lastSeen = observer.Received[^1].Id;
        await Fixtures.CreateDeviceAsync(grains, "default/d3", Fixtures.Spec("edge-1"));
        Assert.True(await subscription.Subscribe(reference, lastSeen));
        await Eventually.TrueAsync(() => Devices(observer).Contains("default/d3"), Deadline, "the change made while unsubscribed arrives");

        // A batch in flight when Unsubscribe returned may repeat after the resubscription; the client drops repeats.
        Assert.All(observer.Received, c => Assert.True(c.Id > start));
        Assert.Equal(["default/d1", "default/d2", "default/d3"], Devices(observer).Distinct());
    }

    [Fact]
    public async Task A_failed_delivery_ends_the_subscription_so_the_next_subscribe_starts_a_new_one()
    {
        var grains = _silo.Grains;
        var observer = new RecordingChangeObserver { Fail = true };
        var reference = _silo.Client.CreateObjectReference<IPortalChangeObserver>(observer);
        var subscription = _silo.Client.GetGrain<IPortalChangesGrain>("portal-failing");
        var start = await Query.LatestChangeId();
        Assert.True(await subscription.Subscribe(reference, start));

        await Fixtures.RegisterNodeAsync(grains, "edge-9");
        await Eventually.TrueAsync(() => observer.Calls > 0, Deadline, "a delivery is attempted");
        observer.Fail = false;
        await Eventually.TrueAsync(() => subscription.Subscribe(reference, start), Deadline, "the failed subscription has ended");
        await Eventually.TrueAsync(() => observer.Received.Any(c => c is { Kind: "node", Key: "edge-9" }), Deadline, "the restarted subscription delivers from the given id");
    }

    private static List<string> Devices(RecordingChangeObserver observer) =>
        observer.Received.Where(c => c is { Kind: "device", Operation: "created" }).Select(c => c.Key).ToList();
}
