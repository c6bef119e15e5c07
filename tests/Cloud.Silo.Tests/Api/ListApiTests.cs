using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>One silo with 230 devices on two nodes, shared by the list tests (which only read).</summary>
public sealed class ListApiFixture : IAsyncLifetime
{
    public const int DeviceCount = 230;
    private ApiHost _host = null!;

    internal ApiHost Host => _host;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartSqliteAsync();
        await CreateModelAsync(Admin);
        await RegisterNodeAsync(_host, "edge-a");
        await RegisterNodeAsync(_host, "edge-b");
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, DeviceCount).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var labels = new Dictionary<string, string> { ["zone"] = i % 2 == 0 ? "north" : "south", ["tier"] = i % 5 == 0 ? "gold" : "basic" };
                await CreateDeviceAsync(Admin, "default", Device($"dev-{i:D3}", i % 3 == 0 ? "edge-a" : "edge-b", labels: labels));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

/// <summary>Lists: paging with limit and cursor through more than 200 devices, filters, sorting, errors.</summary>
public sealed class ListApiTests(ListApiFixture fixture) : IClassFixture<ListApiFixture>
{
    private const int DeviceCount = ListApiFixture.DeviceCount;

    private HttpClient Admin => fixture.Host.Admin;

    [Fact]
    public async Task Paging_with_limit_200_returns_every_device_once_in_name_order()
    {
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/devices?limit=200" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            var (page, _) = await OkAsync(await Admin.GetAsync(url));
            Assert.Equal(DeviceCount, page.GetProperty("total").GetInt64());
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            Assert.True(items.Length <= 200);
            names.AddRange(items.Select(d => d.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(2, pages);
        Assert.Equal(DeviceCount, names.Distinct().Count());
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Default_page_size_is_50()
    {
        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices/default"));
        Assert.Equal(50, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Label_filters_combine_and_node_filter_and_descending_sort_apply()
    {
        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?label=zone=north&label=tier=gold&limit=200"));
        var expected = Enumerable.Range(0, DeviceCount).Where(i => i % 2 == 0 && i % 5 == 0).Select(i => $"dev-{i:D3}").ToArray();
        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt64());

        var (byNode, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?node=edge-a&sort=-name&limit=200"));
        var nodeNames = byNode.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(Enumerable.Range(0, DeviceCount).Count(i => i % 3 == 0), nodeNames.Length);
        Assert.Equal(nodeNames.OrderByDescending(n => n, StringComparer.Ordinal), nodeNames);
        Assert.All(byNode.GetProperty("items").EnumerateArray(), d => Assert.Equal("edge-a", d.GetProperty("spec").GetProperty("nodeName").GetString()));
    }

    [Fact]
    public async Task Model_and_state_filters_and_node_list_work()
    {
        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?model=thermostat&state=unknown&limit=1"));
        Assert.Equal(DeviceCount, page.GetProperty("total").GetInt64());
        var (none, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?state=online"));
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        var (nodes, _) = await OkAsync(await Admin.GetAsync("/api/v1/nodes?sort=-name"));
        Assert.Equal(["edge-b", "edge-a"], nodes.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        var (models, _) = await OkAsync(await Admin.GetAsync("/api/v1/devicemodels/default"));
        Assert.Equal(1, models.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/devices?limit=201")]
    [InlineData("/api/v1/devices?limit=0")]
    [InlineData("/api/v1/devices?limit=ten")]
    [InlineData("/api/v1/devices?sort=colour")]
    [InlineData("/api/v1/devices?label=zone")]
    [InlineData("/api/v1/devices?state=sleepy")]
    [InlineData("/api/v1/devices?cursor=not-a-cursor")]
    [InlineData("/api/v1/nodes?status=maybe")]
    public async Task Bad_list_parameters_are_400(string url)
    {
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync(url), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cursor_made_for_another_sort_is_400()
    {
        var (page, _) = await OkAsync(await Admin.GetAsync("/api/v1/devices?limit=10"));
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync($"/api/v1/devices?limit=10&sort=-name&cursor={cursor}"), HttpStatusCode.BadRequest);
    }
}
