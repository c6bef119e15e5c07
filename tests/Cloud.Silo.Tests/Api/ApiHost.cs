using System.Net.Http.Headers;
using EdgeHive.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>
/// A real Cloud.Silo web application on a free loopback port, with its own SQLite directory (or PostgreSQL database)
/// and a known bootstrap admin token. Tests talk to it over real HTTP.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly List<HttpClient> _clients = [];

    private ApiHost(WebApplication app, Uri baseAddress, string dataDir)
    {
        App = app;
        BaseAddress = baseAddress;
        DataDir = dataDir;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDir { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A client sending the bootstrap admin token.</summary>
    public HttpClient Admin => field ??= CreateClient(AdminToken);

    /// <summary>Starts a single silo on SQLite in a fresh temp directory (or <paramref name="dataDir"/>).</summary>
    public static Task<ApiHost> StartSqliteAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        string? dataDir = null,
        Action<IServiceCollection>? services = null)
    {
        dataDir ??= Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        return StartAsync(dataDir, null, settings, services);
    }

    /// <summary>Starts a silo on a fresh PostgreSQL database.</summary>
    public static async Task<ApiHost> StartPostgresAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartPostgresAsync(await TestDatabases.CreatePostgresDatabaseAsync("api"), settings);

    /// <summary>Starts a silo on the PostgreSQL database <paramref name="connectionString"/> (several silos on one
    /// database form one cluster).</summary>
    public static Task<ApiHost> StartPostgresAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDir = Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        return StartAsync(dataDir, connectionString, settings, null);
    }

    private static async Task<ApiHost> StartAsync(
        string dataDir,
        string? postgres,
        IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection>? services)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Storage:DataDir=" + dataDir,
            "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0",
            "--Logging:LogLevel:Default=Warning",
        };
        if (postgres is not null)
        {
            args.Add("--Cluster:Provider=Postgres");
            args.Add("--ConnectionStrings:Postgres=" + postgres);
        }

        var config = new Dictionary<string, string?> { ["Auth:AdminToken"] = AdminToken };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        foreach (var (key, value) in config)
        {
            if (value is not null)
            {
                args.Add($"--{key}={value}");
            }
        }

        var app = CloudSiloApp.Build([.. args], services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        return new ApiHost(app, new Uri(address), dataDir);
    }

    /// <summary>A client with <paramref name="token"/> as bearer token (none when null).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }
}
