using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The standalone portal outlives its silo: it starts without one, says so on the page, and picks the cluster
/// up (pages and live updates) when a silo comes, and again after that silo restarted.</summary>
public sealed class StandalonePortalRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly string _dataDir = PortalTestHost.NewDataDir();
    private readonly string _clusterId = $"restart-{Guid.NewGuid():N}";
    // The silo's HTTP port is nobody's business here (the test reaches the silo through its grains): Kestrel picks one
    // at each start. A port picked ahead and bound later could meanwhile be taken, e.g. as the local port of some
    // outgoing connection. The Orleans gateway port stays fixed: the portal is configured with it.
    private const int AnyPort = 0;
    private readonly int _gatewayPort = PortalTestHost.FreePort();
    private readonly int _portalPort = PortalTestHost.FreePort();
    private WebApplication? _silo;
    private PortalProcess? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        _portal = await StandalonePortalFixture.StartPortalAsync(_dataDir, _portalPort, _gatewayPort, _clusterId);
        (_playwright, _browser) = await PortalTestHost.LaunchBrowserAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        await StopSiloAsync();
        PortalTestHost.DeleteDataDir(_dataDir);
    }

    [Fact]
    public async Task Portal_without_a_silo_shows_the_outage_and_recovers_pages_and_live_updates_across_a_silo_restart()
    {
        var page = await StandalonePortalFixture.SignInAsync(_browser!, $"http://127.0.0.1:{_portalPort}/");
        await page.GotoAsync("devices");
        await Expect(page.GetByText("The cluster is not reachable")).ToBeVisibleAsync();

        // A second tab on the workloads: no workload changes at all, so only the portal's reconnect can reload it.
        var workloads = await page.Context.NewPageAsync();
        await workloads.GotoAsync("workloads");
        await Expect(workloads.GetByText("The cluster is not reachable")).ToBeVisibleAsync();

        _silo = await StandalonePortalFixture.StartSiloAsync(_dataDir, AnyPort, _gatewayPort, _clusterId);
        await StandalonePortalFixture.SeedAsync(OrleansGrains);
        await CreateDeviceAsync("thermo-1");

        // The silo answers; the portal's Orleans client reaches its gateway at its next retry (later still on a busy
        // machine). The page that showed the outage reloads by itself then: no reload here.
        await Expect(page.GetByTestId("device-grid")).ToContainTextAsync("thermo-1", new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(page.GetByText("The cluster is not reachable")).ToHaveCountAsync(0);
        await Expect(workloads.GetByText("The cluster is not reachable")).ToHaveCountAsync(0, new() { Timeout = (float)Deadline.TotalMilliseconds });
        await workloads.CloseAsync();

        await StopSiloAsync();

        // A device page opened while no silo answers shows the outage; once the portal reaches the restarted silo the
        // page shows the device by itself (the layout's error boundary renders it afresh): no reload.
        await page.GotoAsync("devices/default/thermo-1");
        await Expect(page.GetByTestId("page-error")).ToContainTextAsync("not reachable", new() { Timeout = (float)Deadline.TotalMilliseconds });
        _silo = await StandalonePortalFixture.StartSiloAsync(_dataDir, AnyPort, _gatewayPort, _clusterId);
        await Expect(page.GetByTestId("reported-temperature")).ToHaveCountAsync(1, new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(page.GetByTestId("page-error")).ToHaveCountAsync(0);
        await CreateDeviceAsync("thermo-2");
        await page.GotoAsync("devices/default/thermo-2");
        await Expect(page.GetByTestId("reported-temperature")).ToHaveCountAsync(1);

        // Live updates come back once the portal has resubscribed on the new silo: report until one shows.
        var version = 0L;
        await Eventually.TrueAsync(
            async () =>
            {
                version++;
                var report = new EdgeTwinReport(version, new Dictionary<string, ReportedPropertyUpdate> { ["temperature"] = new($"{20 + version}", version, DateTimeOffset.UtcNow) });
                Assert.True((await OrleansGrains.GetGrain<IDeviceGrain>("default/thermo-2").ReportFromEdge("edge-1", report)).IsOk);
                try
                {
                    await Expect(page.GetByTestId("reported-temperature")).ToHaveTextAsync($"{20 + version}", new() { Timeout = 3000 });
                    return true;
                }
                catch (PlaywrightException)
                {
                    return false;
                }
            },
            Deadline,
            "a value reported after the restart appears without reload\n" + _portal!.Output);
        await page.Context.CloseAsync();
    }

    private global::Orleans.IGrainFactory OrleansGrains => _silo!.Services.GetRequiredService<global::Orleans.IGrainFactory>();

    private async Task CreateDeviceAsync(string name)
    {
        var result = await OrleansGrains.GetGrain<IDeviceGrain>("default/" + name).Create(
            new DeviceSpec("thermostat", "edge-1", null, new Dictionary<string, string>(), new Dictionary<string, string> { ["target"] = "20" }));
        Assert.True(result.IsOk, result.Message);
    }

    private async Task StopSiloAsync()
    {
        if (_silo is null)
        {
            return;
        }

        await _silo.StopAsync();
        await _silo.DisposeAsync();
        _silo = null;
    }
}
