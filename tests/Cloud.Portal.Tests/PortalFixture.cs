using EdgeHive.Grains.Cloud;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>
/// One real silo (SQLite in a temp dir, free ports) as <c>Cloud.Silo/Program.cs</c> builds it,
/// and one headless Debian Chromium driven by Playwright. Seeds two models, a node and three devices.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-pass-123";
    public const string AdminToken = "test-admin-token-0123456789";
    public const string Namespace = "default";

    private readonly string _dataDir = PortalTestHost.NewDataDir();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The silo's grain factory.</summary>
    public global::Orleans.IGrainFactory OrleansGrains => _app!.Services.GetRequiredService<global::Orleans.IGrainFactory>();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        var port = PortalTestHost.FreePort();
        _app = await PortalTestHost.StartSiloAsync(_dataDir, port, gatewayPort: 0, $"portal-{Guid.NewGuid():N}", AdminToken, AdminPassword);
        BaseUrl = $"http://127.0.0.1:{port}/";

        await SeedAsync();
        (_playwright, Browser) = await PortalTestHost.LaunchBrowserAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        PortalTestHost.DeleteDataDir(_dataDir);
    }

    /// <summary>A new browser context (own cookies) signed in as <paramref name="user"/>.</summary>
    public Task<IPage> SignInAsync(string user, string password) => PortalTestHost.SignInAsync(Browser, BaseUrl, user, password);

    /// <summary>Creates a device of model "thermostat" bound to node "edge-1" and returns its key.</summary>
    public async Task<string> CreateThermostatAsync(string name)
    {
        var key = $"{Namespace}/{name}";
        var result = await OrleansGrains.GetGrain<IDeviceGrain>(key).Create(new DeviceSpec("thermostat", "edge-1", null, new Dictionary<string, string> { ["zone"] = "north" }, new Dictionary<string, string> { ["target"] = "20" }));
        Assert.True(result.IsOk, result.Message);
        return key;
    }

    private async Task SeedAsync()
    {
        await OrleansGrains.GetGrain<IEdgeNodeGrain>("edge-1").Register(new NodeInfo("edge-host-1", "linux", "arm64", "0.1.0", new NodeCapacity(4, 4L << 30, 32L << 30, 0)));
        await OrleansGrains.GetGrain<IEdgeNodeGrain>("edge-2").Register(new NodeInfo("edge-host-2", "linux", "amd64", "0.1.0", new NodeCapacity(8, 8L << 30, 64L << 30, 0)));
        Assert.True((await OrleansGrains.GetGrain<IDeviceModelGrain>($"{Namespace}/thermostat").Create(new DeviceModelSpec("Room thermostat",
        [
            new DeviceModelProperty("target", PropertyType.Double, AccessMode.ReadWrite, "°C", 5, 30, "Set point"),
            new DeviceModelProperty("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 85, "Measured"),
            new DeviceModelProperty("enabled", PropertyType.Boolean, AccessMode.ReadWrite, null, null, null, null),
        ]))).IsOk);
        Assert.True((await OrleansGrains.GetGrain<IDeviceModelGrain>($"{Namespace}/meter").Create(new DeviceModelSpec("Power meter",
        [
            new DeviceModelProperty("power", PropertyType.Int, AccessMode.ReadOnly, "W", 0, null, null),
        ]))).IsOk);
        await CreateThermostatAsync("thermo-a");
        await CreateThermostatAsync("thermo-b");
        Assert.True((await OrleansGrains.GetGrain<IDeviceGrain>($"{Namespace}/meter-a").Create(new DeviceSpec("meter", "edge-2", null, new Dictionary<string, string> { ["zone"] = "south" }, new Dictionary<string, string>()))).IsOk);
    }
}
