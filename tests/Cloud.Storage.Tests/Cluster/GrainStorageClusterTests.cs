using EdgeHive.Cloud.Storage.GrainState;
using Orleans.Storage;

namespace EdgeHive.Cloud.Storage.Tests.Cluster;

/// <summary>EdgeHive's grain storage under real Orleans grains in a two-silo in-process cluster.</summary>
public sealed class GrainStorageClusterTests(ZoneCluster zones) : IClassFixture<ZoneCluster>
{
    private IGrainStateStore Store => GrainStateStoreFactory.Create(zones.Database.Dialect, ZoneCluster.ServiceId, TimeProvider.System);

    [Fact]
    public async Task A_grains_state_survives_its_deactivation_and_is_listed_by_the_read_model()
    {
        var grain = zones.Cluster.Client.GetGrain<IZoneGrain>("persist");
        Assert.Equal(5, await grain.Add(5, "north"));
        Assert.Equal(7, await grain.Add(2, "north"));

        await zones.Cluster.DeactivateAsync(grain);
        await zones.Cluster.WaitForDeactivationAsync(grain);
        Assert.Equal(7, await grain.Get());

        var page = await Store.QueryAsync(
            new GrainQuery { GrainType = "zone", Filters = [new IndexFilter("zone", "north")] }, CancellationToken.None);
        Assert.Contains(page.Items, i => i.Key == "persist" && i.Version == 2);
    }

    [Fact]
    public async Task A_write_from_an_outdated_activation_fails_and_the_grain_reloads_the_newer_state()
    {
        var grain = zones.Cluster.Client.GetGrain<IZoneGrain>("stale");
        Assert.Equal(1, await grain.Add(1, "north"));

        // Another writer of the same grain (an older activation on a frozen silo, seen from the other side) moves the
        // row on: the activation's ETag is now stale.
        var row = await Store.ReadAsync("zone", "stale", CancellationToken.None);
        Assert.NotNull(row);
        await Store.WriteAsync("zone", "stale", """{"value":100,"zone":"south","tags":[]}""", row.Version, [new IndexEntry("zone", "south")], CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Add(1, "west"));

        // Orleans deactivates the activation whose write was refused; the next call loads the stored state.
        await Eventually.TrueAsync(async () => await grain.Get() == 100, TimeSpan.FromSeconds(30), "the grain reloaded the newer state");
        Assert.Equal(101, await grain.Add(1, "south"));
        var page = await Store.QueryAsync(
            new GrainQuery { GrainType = "zone", Filters = [new IndexFilter("zone", "west")] }, CancellationToken.None);
        Assert.DoesNotContain(page.Items, i => i.Key == "stale");
    }

    [Fact]
    public async Task Clearing_a_grains_state_removes_its_row()
    {
        var grain = zones.Cluster.Client.GetGrain<IZoneGrain>("clear");
        await grain.Add(3, "east");
        await grain.Clear();

        Assert.Null(await Store.ReadAsync("zone", "clear", CancellationToken.None));
        Assert.Equal(0, await grain.Get());
        Assert.Equal(4, await grain.Add(4, "east"));
    }
}
