using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

public sealed class QueryTests : IAsyncLifetime
{
    private CloudSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CloudSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Device_lists_filter_sort_page_and_count_250_devices_on_sqlite()
    {
        await DeviceListScenario.SeedAsync(_silo.Grains, _silo.Grains);
        await DeviceListScenario.AssertListsAsync(_silo.Queries);
    }

    [Fact]
    public async Task Node_lists_filter_on_labels_and_status_and_leave_deleted_nodes_out()
    {
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-a");
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-b");
        await Fixtures.RegisterNodeAsync(_silo.Grains, "edge-c");
        await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-b").UpdateLabels(new Dictionary<string, string> { ["region"] = "eu" }, null);
        var observer = _silo.Grains.CreateObjectReference<IEdgeSessionObserver>(new RecordingObserver());
        await _silo.Grains.GetGrain<INodeSessionGrain>("edge-a").Attach(observer, "silo-a");
        Assert.True((await _silo.Grains.GetGrain<IEdgeNodeGrain>("edge-c").Delete(null)).IsOk);

        var all = await _silo.Queries.ListAsync(new NodeListQuery(), CancellationToken.None);
        Assert.Equal(["edge-a", "edge-b"], all.Items.Select(n => n.Name));
        var eu = await _silo.Queries.ListAsync(new NodeListQuery { Labels = ["region=eu"] }, CancellationToken.None);
        Assert.Equal("edge-b", Assert.Single(eu.Items).Name);
        var online = await _silo.Queries.ListAsync(new NodeListQuery { Status = "online" }, CancellationToken.None);
        Assert.Equal("edge-a", Assert.Single(online.Items).Name);
    }

    [Fact]
    public async Task A_silent_node_turns_offline_after_dead_after_in_the_stored_status()
    {
        await using var silo = await CloudSilo.StartAsync(deadAfter: TimeSpan.FromSeconds(1));
        await Fixtures.RegisterNodeAsync(silo.Grains, "edge-a");
        var observer = silo.Grains.CreateObjectReference<IEdgeSessionObserver>(new RecordingObserver());
        var attachment = await silo.Grains.GetGrain<INodeSessionGrain>("edge-a").Attach(observer, "silo-a");
        Assert.Equal(NodeStatus.Online, (await silo.Grains.GetGrain<IEdgeNodeGrain>("edge-a").Heartbeat(attachment.Epoch)).Value);

        await Eventually.TrueAsync(
            async () => (await silo.Queries.ListAsync(new NodeListQuery { Status = "offline" }, CancellationToken.None)).Total == 1,
            TimeSpan.FromSeconds(30),
            "the node's timer stores it as offline once heartbeats stop");
        Assert.Equal(NodeStatus.Offline, (await silo.Grains.GetGrain<IEdgeNodeGrain>("edge-a").Get()).Value!.Status);
        Assert.Equal(OperationStatus.Conflict, (await silo.Grains.GetGrain<IEdgeNodeGrain>("edge-a").Heartbeat(attachment.Epoch - 1)).Status);
    }
}
