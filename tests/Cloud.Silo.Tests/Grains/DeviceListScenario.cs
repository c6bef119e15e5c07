using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>250 devices over 3 nodes, 2 models and 2 namespaces, with labels and edge-reported states, and the list
/// checks that must hold on every database engine.</summary>
internal static class DeviceListScenario
{
    public const int Count = 250;

    public static string Key(int i) => $"{(i % 5 == 0 ? "plant" : "default")}/dev-{i:D3}";

    public static string Node(int i) => $"edge-{i % 3}";

    public static async Task SeedAsync(global::Orleans.IGrainFactory grains, global::Orleans.IGrainFactory models)
    {
        foreach (var ns in new[] { "default", "plant" })
        {
            await Fixtures.CreateModelAsync(models, ns + "/thermostat");
            await Fixtures.CreateModelAsync(models, ns + "/meter");
        }

        for (var n = 0; n < 3; n++)
        {
            await Fixtures.RegisterNodeAsync(grains, "edge-" + n);
        }

        // Bounded parallelism: several devices at a time, as concurrent REST clients would.
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var labels = new Dictionary<string, string> { ["zone"] = i % 2 == 0 ? "north" : "south", ["tier"] = i % 7 == 0 ? "gold" : "std" };
                await Fixtures.CreateDeviceAsync(grains, Key(i), Fixtures.Spec(Node(i), i % 4 == 0 ? "meter" : "thermostat", labels: labels));
                if (i % 10 == 0)
                {
                    await grains.GetGrain<IDeviceGrain>(Key(i)).SetState(Node(i), DeviceState.Online, DateTimeOffset.UtcNow);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public static async Task AssertListsAsync(IDeviceQueries queries)
    {
        var all = Enumerable.Range(0, Count).ToArray();

        // Filters AND together, totals count every page.
        var filtered = await queries.ListAsync(new DeviceListQuery { Namespace = "default", Node = "edge-1", Labels = ["zone=north"], Limit = 200 }, CancellationToken.None);
        var expected = all.Where(i => i % 5 != 0 && i % 3 == 1 && i % 2 == 0).Select(Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Length, filtered.Total);
        Assert.Equal(expected, filtered.Items.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(filtered.Items, d => Assert.Equal("edge-1", d.Spec.NodeName));

        var twoLabels = await queries.ListAsync(new DeviceListQuery { Labels = ["zone=south", "tier=gold"] }, CancellationToken.None);
        Assert.Equal(all.Count(i => i % 2 == 1 && i % 7 == 0), twoLabels.Total);

        var online = await queries.ListAsync(new DeviceListQuery { State = "online" }, CancellationToken.None);
        Assert.Equal(Count / 10, online.Total);
        var meters = await queries.ListAsync(new DeviceListQuery { Model = "meter", Namespace = "plant" }, CancellationToken.None);
        Assert.Equal(all.Count(i => i % 4 == 0 && i % 5 == 0), meters.Total);

        // Paging by node descending visits every device exactly once, in order.
        var seen = new List<Device>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await queries.ListAsync(new DeviceListQuery { SortBy = DeviceSort.Node, Descending = true, Limit = 40, Cursor = cursor }, CancellationToken.None);
            Assert.Equal(Count, page.Total);
            Assert.True(page.Items.Count <= 40);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(7, pages);
        Assert.Equal(Count, seen.Select(d => d.Key).Distinct().Count());
        var nodes = seen.Select(d => d.Spec.NodeName!).ToArray();
        Assert.Equal(nodes.OrderDescending(StringComparer.Ordinal), nodes);

        // The page size is capped at 200; a malformed cursor is the caller's error.
        Assert.Equal(200, (await queries.ListAsync(new DeviceListQuery { Limit = 1000 }, CancellationToken.None)).Items.Count);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queries.ListAsync(new DeviceListQuery { Cursor = "garbage" }, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queries.ListAsync(new DeviceListQuery { Labels = ["zone"] }, CancellationToken.None));
    }
}
