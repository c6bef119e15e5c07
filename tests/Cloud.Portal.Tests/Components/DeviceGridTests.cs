using Bunit;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Cluster;
using EdgeHive.Cloud.Portal.Components.Pages;
using EdgeHive.Cloud.Portal.Live;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The devices grid pages over the read model by cursor, re-reads its page when a shown device changes, and
/// holds one change subscription for the page.</summary>
public sealed class DeviceGridTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly FakeCluster _cluster = new();
    private readonly LiveFakeBackend _backend;
    private readonly BunitContext _context;

    public DeviceGridTests()
    {
        for (var i = 0; i < 60; i++)
        {
            var name = $"dev-{i:D2}";
            _cluster.Devices["default/" + name] = new Device("default", name,
                new DeviceSpec("thermostat", i % 2 == 0 ? "edge-1" : "edge-2", null, new Dictionary<string, string> { ["zone"] = i < 30 ? "north" : "south" }, new Dictionary<string, string>()),
                DeviceStatus.Initial, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        }

        _backend = new LiveFakeBackend(_cluster);
        _context = ComponentHost.Create(_backend, PortalRoles.Editor);
    }

    [Fact]
    public void Next_page_reads_the_next_cursor_and_shows_the_next_devices()
    {
        var grid = _context.Render<Devices>();
        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count), Deadline);
        Assert.Equal("dev-00", Rows(grid)[0]);
        Assert.Contains("Edit the 60 filtered devices", grid.Find("#bulk-edit").TextContent, StringComparison.Ordinal);

        grid.Find("button[aria-label='Next page']").Click();

        grid.WaitForAssertion(() => Assert.Equal("dev-25", Rows(grid)[0]), Deadline);
        Assert.Equal(25, Rows(grid).Count);
        Assert.Equal("default/dev-24", _backend.Cursors[^1]);

        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(["dev-50", "dev-51", "dev-52", "dev-53", "dev-54", "dev-55", "dev-56", "dev-57", "dev-58", "dev-59"], Rows(grid)), Deadline);

        // Back to the first page: its cursor (none) is known, so it is one read.
        grid.Find("button[aria-label='First page']").Click();
        grid.WaitForAssertion(() => Assert.Equal("dev-00", Rows(grid)[0]), Deadline);
        Assert.Null(_backend.Cursors[^1]);
    }

    [Fact]
    public void A_page_loaded_while_the_cluster_was_unreachable_shows_the_devices_once_it_answers()
    {
        _backend.Unreachable = new ClusterUnavailableException("The cluster is not reachable: no Orleans gateway has answered yet. The page works again as soon as a silo answers.");
        var grid = _context.Render<Devices>();
        grid.WaitForAssertion(() => Assert.Contains("The cluster is not reachable", grid.Markup, StringComparison.Ordinal), Deadline);
        Assert.Empty(Rows(grid));

        // No change arrives and nobody clicks: the cluster answering is enough.
        _backend.Reach();

        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count), Deadline);
        Assert.DoesNotContain("The cluster is not reachable", grid.Markup, StringComparison.Ordinal);
        Assert.Equal("dev-00", Rows(grid)[0]);
    }

    [Fact]
    public void Filter_narrows_the_list_on_the_server()
    {
        var grid = _context.Render<Devices>();
        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count), Deadline);

        grid.Find("#filter-labels").Input("zone=south");
        grid.Find("#apply-filter").Click();

        grid.WaitForAssertion(() => Assert.Equal("dev-30", Rows(grid)[0]), Deadline);
        Assert.Contains("Edit the 30 filtered devices", grid.Find("#bulk-edit").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_a_shown_device_re_reads_the_page_through_the_one_subscription()
    {
        var grid = _context.Render<Devices>();
        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count), Deadline);
        // The subscription opens in the background and renders nothing, so bunit's render-driven waits never re-check
        // it: poll it with a deadline instead.
        var circuits = _context.Services.GetRequiredService<PortalCircuits>();
        await Eventually.TrueAsync(() => circuits.LiveSubscriptions == 1 && _backend.Readers == 1, Deadline, "one live subscription reading changes");
        var reads = _backend.ListReads;

        // A device on another page changed: nothing to re-read.
        _backend.Publish("device", "default/dev-40", "reported");
        var device = _cluster.Devices["default/dev-03"];
        _cluster.Devices["default/dev-03"] = device with { Spec = device.Spec with { NodeName = "edge-9" } };
        _backend.Publish("device", "default/dev-03", "updated");

        grid.WaitForAssertion(() => Assert.Contains("edge-9", grid.Find("[data-testid=device-grid]").TextContent, StringComparison.Ordinal), Deadline);
        Assert.Equal(reads + 1, _backend.ListReads);
        Assert.Equal(1, _backend.Readers);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static List<string> Rows(IRenderedComponent<Devices> grid) =>
        grid.FindAll("[data-testid=device-row]").Select(a => a.TextContent.Trim()).ToList();
}
