using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using Microsoft.AspNetCore.Builder;

namespace EdgeHive.Edge.Agent.Benchmarks;

/// <summary>A real Cloud.Silo (SQLite in a temp directory, loopback port) and the REST calls the benchmark makes.</summary>
internal sealed class BenchCloud : IAsyncDisposable
{
    private const string AdminToken = "bench-admin-token-0123456789abcdef";
    private readonly WebApplication _app;

    private BenchCloud(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = Timeout.InfiniteTimeSpan };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public int Port { get; }

    public HttpClient Http { get; }

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

    public async Task<string> CreateJoinTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/jointokens", new { description = "agent benchmark" });
        return (await ReadAsync(response)).GetProperty("token").GetString()!;
    }

    /// <summary>The thermometer model: temperature read-only, setpoint 5–35 read-write.</summary>
    public async Task CreateThermometerModelAsync()
    {
        const string model = """
            {"name":"thermometer","spec":{"properties":[
              {"name":"temperature","type":"double","accessMode":"ReadOnly"},
              {"name":"setpoint","type":"double","accessMode":"ReadWrite","minimum":5,"maximum":35}]}}
            """;
        using var response = await Http.PostAsync("/api/v1/devicemodels/default", Json(model));
        await ReadAsync(response);
    }

    public async Task CreateDeviceAsync(string name, string node)
    {
        var device = JsonSerializer.Serialize(new { name, spec = new { model = "thermometer", nodeName = node, labels = new Dictionary<string, string>() } });
        using var response = await Http.PostAsync("/api/v1/devices/default", Json(device));
        await ReadAsync(response);
    }

    public async Task<bool> NodeExistsAsync(string node)
    {
        using var response = await Http.GetAsync($"/api/v1/nodes/{node}");
        return response.IsSuccessStatusCode;
    }

    public async Task SetDesiredAsync(string device, string json)
    {
        using var response = await Http.PutAsync($"/api/v1/devices/default/{device}/twin/desired", Json(json));
        await ReadAsync(response);
    }

    /// <summary>The reported temperature of <paramref name="device"/>, or null.</summary>
    public async Task<string?> ReportedTemperatureAsync(string device)
    {
        using var response = await Http.GetAsync($"/api/v1/devices/default/{device}");
        var document = await ReadAsync(response);
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

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
