using EdgeHive.Grains.Runtime.GrainDirectory;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>
/// The rules of <see cref="IGrainDirectoryStore"/>, written once and run against every backend. Stores made by
/// <see cref="CreateStore"/> for the same cluster id share one database, like the silos of a cluster do.
/// </summary>
public abstract class GrainDirectoryStoreConformance : StoreConformance
{
    private static readonly GrainId Grain = new("device", "default/pump-1");

    /// <summary>A new, not yet initialised store of <paramref name="clusterId"/> on this test's database.</summary>
    protected abstract IGrainDirectoryStore CreateStore(string clusterId);

    [Fact]
    public async Task Registration_in_an_empty_directory_wins_and_lookup_returns_it()
    {
        var store = await NewStoreAsync();
        var address = Address(Grain, Silo(1), "act-1");

        Assert.Equal(address, await store.RegisterAsync(address, Ct));
        Assert.Equal(address, await store.LookupAsync(Grain, Ct));
    }

    [Fact]
    public async Task Lookup_of_an_unregistered_grain_returns_null()
    {
        var store = await NewStoreAsync();
        await store.RegisterAsync(Address(Grain, Silo(1), "act-1"), Ct);

        Assert.Null(await store.LookupAsync(new GrainId("device", "default/pump-2"), Ct));
        Assert.Null(await store.LookupAsync(new GrainId("node", Grain.Key), Ct));
    }

    [Fact]
    public async Task A_later_registration_gets_the_first_writers_address()
    {
        var store = await NewStoreAsync();
        var first = Address(Grain, Silo(1), "act-1");
        await store.RegisterAsync(first, Ct);

        Assert.Equal(first, await store.RegisterAsync(Address(Grain, Silo(2), "act-2"), Ct));
        Assert.Equal(first, await store.LookupAsync(Grain, Ct));
    }

    [Fact]
    public async Task Concurrent_registrations_have_one_winner_that_every_caller_gets()
    {
        // Four silos' stores on one database; for each of five grains, twenty activations race at once.
        var stores = new IGrainDirectoryStore[4];
        for (var i = 0; i < stores.Length; i++)
        {
            stores[i] = await NewStoreAsync();
        }

        var grains = Enumerable.Range(0, 5).Select(g => new GrainId("device", $"default/pump-{g}")).ToArray();
        var candidates = Enumerable.Range(0, 100)
            .Select(i => Address(grains[i % 5], Silo(i % 4), $"act-{i}"))
            .ToArray();

        var results = await RunConcurrentlyAsync(100, i => stores[i % 4].RegisterAsync(candidates[i], Ct));

        foreach (var grain in grains)
        {
            var winner = Assert.Single(results.Where(r => r.GrainId == grain).Distinct());
            Assert.Contains(winner, candidates);
            Assert.Equal(20, results.Count(r => r == winner));
            Assert.Equal(winner, await stores[0].LookupAsync(grain, Ct));
        }
    }

    [Fact]
    public async Task Unregister_of_another_activation_deletes_nothing()
    {
        var store = await NewStoreAsync();
        var current = Address(Grain, Silo(1), "act-new");
        await store.RegisterAsync(current, Ct);

        Assert.False(await store.UnregisterAsync(Address(Grain, Silo(1), "act-old"), Ct));

        Assert.Equal(current, await store.LookupAsync(Grain, Ct));
    }

    [Fact]
    public async Task Unregister_of_the_registered_activation_deletes_it_once()
    {
        var store = await NewStoreAsync();
        var address = Address(Grain, Silo(1), "act-1");
        await store.RegisterAsync(address, Ct);

        Assert.True(await store.UnregisterAsync(address, Ct));
        Assert.False(await store.UnregisterAsync(address, Ct));
        Assert.Null(await store.LookupAsync(Grain, Ct));
    }

    [Fact]
    public async Task After_unregistration_a_new_activation_can_win()
    {
        var store = await NewStoreAsync();
        var old = Address(Grain, Silo(1), "act-1");
        await store.RegisterAsync(old, Ct);
        await store.UnregisterAsync(old, Ct);
        var successor = Address(Grain, Silo(2), "act-2");

        Assert.Equal(successor, await store.RegisterAsync(successor, Ct));
    }

    [Fact]
    public async Task Unregistering_a_silo_deletes_exactly_that_incarnations_rows()
    {
        var store = await NewStoreAsync();
        var dead = Silo(1);
        var restarted = dead with { Generation = dead.Generation + 1 };
        for (var i = 0; i < 3; i++)
        {
            await store.RegisterAsync(Address(new GrainId("device", $"d{i}"), dead, $"a{i}"), Ct);
        }

        var survivor1 = await store.RegisterAsync(Address(new GrainId("device", "d3"), restarted, "a3"), Ct);
        var survivor2 = await store.RegisterAsync(Address(new GrainId("node", "d0"), Silo(2), "a4"), Ct);

        Assert.Equal(3, await store.UnregisterSiloAsync(dead, Ct));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await store.LookupAsync(new GrainId("device", $"d{i}"), Ct));
        }

        Assert.Equal(survivor1, await store.LookupAsync(survivor1.GrainId, Ct));
        Assert.Equal(survivor2, await store.LookupAsync(survivor2.GrainId, Ct));
        Assert.Equal(0, await store.UnregisterSiloAsync(dead, Ct));
    }

    [Fact]
    public async Task Clusters_sharing_a_database_do_not_see_each_other()
    {
        var a = await NewStoreAsync("cluster-a");
        var b = await NewStoreAsync("cluster-b");
        var inA = Address(Grain, Silo(1), "act-a");
        var inB = Address(Grain, Silo(1), "act-b");

        Assert.Equal(inA, await a.RegisterAsync(inA, Ct));
        Assert.Equal(inB, await b.RegisterAsync(inB, Ct));
        Assert.False(await a.UnregisterAsync(inB, Ct));
        Assert.Equal(1, await a.UnregisterSiloAsync(Silo(1), Ct));

        Assert.Null(await a.LookupAsync(Grain, Ct));
        Assert.Equal(inB, await b.LookupAsync(Grain, Ct));
    }

    [Fact]
    public async Task Concurrent_initialisation_from_several_instances_succeeds()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => CreateStore("cluster-a")).ToArray();

        await RunConcurrentlyAsync(stores.Length, async i =>
        {
            await stores[i].InitializeAsync(Ct);
            return true;
        });

        var address = Address(Grain, Silo(1), "act-1");
        await stores[0].RegisterAsync(address, Ct);
        Assert.Equal(address, await stores[5].LookupAsync(Grain, Ct));
    }

    private async Task<IGrainDirectoryStore> NewStoreAsync(string clusterId = "cluster-a")
    {
        var store = CreateStore(clusterId);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static SiloAddress Silo(int index) => new($"10.0.0.{index + 1}", 11111, 1_700_000_000_000 + index);

    private static GrainAddress Address(GrainId grain, SiloAddress silo, string activationId) => new(grain, silo, activationId);
}
