using EdgeHive.Cloud.Silo.Api;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// One cloud silo as the product runs it — cloud grains, REST/auth services and the edge gateway in an ASP.NET Core
/// host on a free loopback port — on SQLite (single silo) or a shared PostgreSQL database (cluster).
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    private bool _stopped;

    private GatewayHost(WebApplication app, Uri httpAddress)
    {
        App = app;
        HttpAddress = httpAddress;
        EdgeUri = new Uri($"ws://{httpAddress.Host}:{httpAddress.Port}/edge/v1/connect");
    }

    public WebApplication App { get; }

    public Uri HttpAddress { get; }

    /// <summary>The edge endpoint of this silo.</summary>
    public Uri EdgeUri { get; }

    /// <summary>Grains of the families on Orleans (devices, models, nodes, sessions, object sync).</summary>
    public global::Orleans.IGrainFactory Grains => App.Services.GetRequiredService<global::Orleans.IGrainFactory>();

    /// <summary>This silo's address in Orleans' membership, as a node session names its silo.</summary>
    public string SiloAddress => App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>The silos this silo's view of Orleans' membership lists as active.</summary>
    public int ActiveSilos =>
        App.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    public EdgeConnectionRegistry Connections => App.Services.GetRequiredService<EdgeConnectionRegistry>();

    public static Task<GatewayHost> StartSqliteAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(null, settings);

    public static Task<GatewayHost> StartPostgresAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(connectionString, settings);

    private static async Task<GatewayHost> StartAsync(string? postgres, IReadOnlyDictionary<string, string?>? settings)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Storage:DataDir=" + Path.GetDirectoryName(TestDatabases.NewSqliteFile()),
            "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0",
            "--Auth:AdminToken=gateway-test-admin-token-0123456789",
            "--Logging:LogLevel:Default=Warning",
        };
        if (postgres is not null)
        {
            args.Add("--Cluster:Provider=Postgres");
            args.Add("--ConnectionStrings:Postgres=" + postgres);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }

        var builder = WebApplication.CreateBuilder([.. args]);
        builder.Services.AddEdgeHiveCloud(builder.Configuration);
        builder.Services.AddEdgeHiveApi(builder.Configuration);
        builder.Services.AddEdgeGateway(builder.Configuration);
        var app = builder.Build();
        app.MapEdgeHiveApi();
        app.MapEdgeGateway();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GatewayHost(app, new Uri(address));
    }

    /// <summary>A join token that any number of nodes may use.</summary>
    public async Task<string> CreateJoinTokenAsync() =>
        (await App.Services.GetRequiredService<IJoinTokens>().CreateAsync("gateway test", null, null, CancellationToken.None)).Token;

    /// <summary>Creates a thermometer model and a device bound to <paramref name="nodeName"/>.</summary>
    public async Task<string> CreateDeviceAsync(string nodeName, string name)
    {
        var model = Grains.GetGrain<IDeviceModelGrain>("default/thermometer");
        if (!(await model.Get()).IsOk)
        {
            var spec = new DeviceModelSpec("temperature sensor",
            [
                new DeviceModelProperty("temperature", PropertyType.Double, AccessMode.ReadOnly, "°C", -40, 125, null),
                new DeviceModelProperty("setpoint", PropertyType.Double, AccessMode.ReadWrite, "°C", -40, 125, null),
            ]);
            var created = await model.Create(spec);
            Assert.True(created.IsOk, created.Message);
        }

        var key = "default/" + name;
        var device = await Grains.GetGrain<IDeviceGrain>(key).Create(
            new DeviceSpec("thermometer", nodeName, null, new Dictionary<string, string>(), new Dictionary<string, string>()));
        Assert.True(device.IsOk, device.Message + string.Join(", ", device.Errors.Select(e => e.Property + ": " + e.Message)));
        return key;
    }

    /// <summary>Kills the silo without goodbye: every edge socket is dropped without a close frame, and the host stops
    /// with its token already cancelled, which for the Orleans silo is Orleans' ungraceful stop: no deactivation, no
    /// hand-over of its activations, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _stopped = true;
        foreach (var connection in Connections.Snapshot())
        {
            connection.Abort();
        }

        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await App.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: nothing was waited for.
        }

        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await App.StopAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A slow shutdown must not fail the test that already passed.
        }

        await App.DisposeAsync();
    }
}
