using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Cloud.Silo;
using Microsoft.AspNetCore.Builder;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Cloud.Silo application (REST, edge gateway, portal) on a loopback port with SQLite in
/// <see cref="DataDir"/>; disposing it takes the cloud down, and <see cref="StartAsync"/> on the same directory and port
/// brings the same cloud back. Tests talk to it only over HTTP and the edge WebSocket.
/// </summary>
internal sealed class CloudApp : IAsyncDisposable
{
    public const string AdminToken = "e2e-admin-token-0123456789abcdef";

    private readonly WebApplication _app;
    private bool _stopped;

    private CloudApp(WebApplication app, string dataDir, int port)
    {
        _app = app;
        DataDir = dataDir;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public string DataDir { get; }

    public int Port { get; }

    /// <summary>An HTTP client with the bootstrap admin token.</summary>
    public HttpClient Http { get; }

    /// <summary>The edge endpoint agents connect to.</summary>
    public Uri EdgeUri => EdgeUriFor(Port);

    public static Uri EdgeUriFor(int port) => new($"ws://127.0.0.1:{port}/edge/v1/connect");

    /// <summary>Starts a silo on <paramref name="dataDir"/> (a fresh temp directory when null) and <paramref name="port"/> (a free one when null).</summary>
    public static async Task<CloudApp> StartAsync(string? dataDir = null, int? port = null)
    {
        dataDir ??= Path.GetDirectoryName(TestDatabases.NewSqliteFile())!;
        var httpPort = port ?? FreePort.Get();
        string[] args =
        [
            $"--urls=http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            "--Storage:DataDir=" + dataDir,
            "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0",
            "--Auth:AdminToken=" + AdminToken,
            "--Logging:LogLevel:Default=Warning",
        ];
        var app = CloudSiloApp.Build(args);
        await app.StartAsync();
        return new CloudApp(app, dataDir, httpPort);
    }

    /// <summary>Creates a join token through REST and returns its secret.</summary>
    public async Task<string> CreateJoinTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/jointokens", new { description = "e2e" });
        var body = await ReadAsync(response);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Creates the thermometer model (temperature read-only, setpoint 5–35 read-write) through REST.</summary>
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

    /// <summary>Creates a thermometer device bound to <paramref name="node"/> through REST.</summary>
    public async Task CreateDeviceAsync(string name, string node)
    {
        var device = JsonSerializer.Serialize(new { name, spec = new { model = "thermometer", nodeName = node, labels = new Dictionary<string, string>() } });
        using var response = await Http.PostAsync("/api/v1/devices/default", Json(device));
        await ReadAsync(response);
    }

    /// <summary>The device as REST returns it.</summary>
    public async Task<JsonElement> GetDeviceAsync(string name)
    {
        using var response = await Http.GetAsync($"/api/v1/devices/default/{name}");
        return await ReadAsync(response);
    }

    /// <summary>The reported twin value of <paramref name="property"/> (value, edge version), or null when none was reported.</summary>
    public async Task<(string Value, long EdgeVersion)?> GetReportedAsync(string device, string property)
    {
        var document = await GetDeviceAsync(device);
        if (!document.GetProperty("status").GetProperty("twin").TryGetProperty(property, out var twin)
            || !twin.TryGetProperty("reported", out var reported) || reported.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (reported.GetProperty("value").GetString()!, reported.GetProperty("edgeVersion").GetInt64());
    }

    /// <summary>Sets desired values through REST.</summary>
    public async Task SetDesiredAsync(string device, string json)
    {
        using var response = await Http.PutAsync($"/api/v1/devices/default/{device}/twin/desired", Json(json));
        await ReadAsync(response);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Takes the cloud down (graceful stop); the SQLite files stay for a restart.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A slow shutdown still frees the port once disposed.
        }

        await _app.DisposeAsync();
    }
}
