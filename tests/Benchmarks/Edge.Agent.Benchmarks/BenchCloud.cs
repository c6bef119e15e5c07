using System.Globalization;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using EdgeHive.Testing;
using Microsoft.AspNetCore.Builder;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>A real Cloud.Silo (SQLite in a temp directory, loopback port) and the REST calls the benchmark makes.</summary>
internal sealed class BenchCloud : CloudRestClient, IAsyncDisposable
{
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    private readonly WebApplication _app;

    private BenchCloud(WebApplication app, int port)
        : base(port, AdminToken, Timeout.InfiniteTimeSpan, "agent benchmark")
    {
        _app = app;
    }

    public string EdgeUrl => $"ws://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/edge/v1/connect";

    /// <summary>Starts the silo; <paramref name="gatewayRate"/> overrides the per-node upstream rate limit (messages/s).</summary>
    public static async Task<BenchCloud> StartAsync(int port, string? gatewayRate)
    {
        var dataDir = Directory.CreateTempSubdirectory("edgehive-agent-bench-cloud").FullName;
        string[] rate = gatewayRate is null ? [] : ["--Gateway:RateLimitPerSecond=" + gatewayRate, "--Gateway:RateLimitBurst=" + gatewayRate];
        var app = CloudSiloApp.Build(
        [
            .. rate,
            $"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--Storage:DataDir=" + dataDir, "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0", "--Auth:AdminToken=" + AdminToken, "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        return new BenchCloud(app, port);
    }

    public async Task<bool> NodeExistsAsync(string node)
    {
        using var response = await Http.GetAsync($"/api/v1/nodes/{node}");
        return response.IsSuccessStatusCode;
    }

    /// <summary>The reported temperature of <paramref name="device"/>, or null.</summary>
    public async Task<string?> ReportedTemperatureAsync(string device)
    {
        var document = await GetDeviceAsync(device);
        return document.GetProperty("status").GetProperty("twin").TryGetProperty("temperature", out var twin)
            && twin.TryGetProperty("reported", out var reported) && reported.ValueKind == JsonValueKind.Object
            ? reported.GetProperty("value").GetString()
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
