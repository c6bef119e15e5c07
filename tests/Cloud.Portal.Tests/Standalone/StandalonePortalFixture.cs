using System.Net;
using System.Net.Http.Headers;
using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>
/// A real silo (in-process, as <c>Cloud.Silo/Program.cs</c> builds it, SQLite in a temp dir) and the standalone portal
/// as a separate process on the same database, talking to the silo through its gateway port; one headless Chromium.
/// </summary>
public sealed class StandalonePortalFixture : IAsyncLifetime
{
    public const string AdminPassword = "standalone-pass-123";
    public const string AdminToken = "standalone-admin-token-0123456789";

    private readonly string _dataDir = PortalTestHost.NewDataDir();
    private WebApplication? _silo;
    private PortalProcess? _portal;
    private IPlaywright? _playwright;

    public string SiloUrl { get; private set; } = string.Empty;

    public string PortalUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The silo's grain factory.</summary>
    public global::Orleans.IGrainFactory OrleansGrains => _silo!.Services.GetRequiredService<global::Orleans.IGrainFactory>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        var siloPort = PortalTestHost.FreePort();
        var gatewayPort = PortalTestHost.FreePort();
        var portalPort = PortalTestHost.FreePort();
        var clusterId = $"standalone-{Guid.NewGuid():N}";
        _silo = await StartSiloAsync(_dataDir, siloPort, gatewayPort, clusterId);
        SiloUrl = $"http://127.0.0.1:{siloPort}/";
        await SeedAsync(OrleansGrains);

        PortalUrl = $"http://127.0.0.1:{portalPort}/";
        _portal = await StartPortalAsync(_dataDir, portalPort, gatewayPort, clusterId);
        (_playwright, Browser) = await PortalTestHost.LaunchBrowserAsync();
    }

    /// <summary>A silo exactly as <c>Cloud.Silo/Program.cs</c> builds it, on the given ports (HTTP and Orleans
    /// gateway) and data dir.</summary>
    public static Task<WebApplication> StartSiloAsync(string dataDir, int httpPort, int gatewayPort, string clusterId) =>
        PortalTestHost.StartSiloAsync(dataDir, httpPort, gatewayPort, clusterId, AdminToken, AdminPassword);

    /// <summary>The standalone portal process, once it answers.</summary>
    public static async Task<PortalProcess> StartPortalAsync(string dataDir, int httpPort, int gatewayPort, string clusterId)
    {
        var portal = PortalProcess.Start(
        [
            $"--urls=http://127.0.0.1:{httpPort}",
            $"--Portal:Gateways=127.0.0.1:{gatewayPort}",
            $"--Storage:DataDir={dataDir}",
            $"--Cluster:ClusterId={clusterId}",
            $"--Portal:AdminPassword={AdminPassword}",
            "--Portal:ResubscribeInterval=00:00:01",
            "--Portal:RetryInterval=00:00:00.500",
            "--Portal:CallTimeout=00:00:10",
            "--Logging:LogLevel:Default=Warning",
        ]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (portal.HasExited)
                {
                    throw new InvalidOperationException("The portal exited: " + portal.Output);
                }

                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}/account/login");
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the standalone portal answers");
        return portal;
    }

    /// <summary>A new browser context on a portal, signed in as the admin.</summary>
    public static Task<IPage> SignInAsync(IBrowser browser, string portalUrl) => PortalTestHost.SignInAsync(browser, portalUrl, "admin", AdminPassword);

    /// <summary>Node edge-1 and model default/thermostat.</summary>
    public static async Task SeedAsync(global::Orleans.IGrainFactory orleans)
    {
        await orleans.GetGrain<IEdgeNodeGrain>("edge-1").Register(new NodeInfo("edge-host-1", "linux", "arm64", "0.1.0", new NodeCapacity(4, 4L << 30, 32L << 30, 0)));
        Assert.True((await orleans.GetGrain<IDeviceModelGrain>("default/thermostat").Create(new DeviceModelSpec("Room thermostat",
        [
            new DeviceModelProperty("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, "Set point"),
            new DeviceModelProperty("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 85, "Measured"),
        ]))).IsOk);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }

        PortalTestHost.DeleteDataDir(_dataDir);
    }

    /// <summary>What the portal process wrote (for failure messages).</summary>
    public string PortalOutput => _portal?.Output ?? string.Empty;

    /// <summary>The silo's REST API as the admin.</summary>
    public HttpClient Rest()
    {
        var http = new HttpClient { BaseAddress = new Uri(SiloUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

    /// <summary>A new browser context on the standalone portal, signed in as the admin.</summary>
    public Task<IPage> SignInAsync() => SignInAsync(Browser, PortalUrl);
}
