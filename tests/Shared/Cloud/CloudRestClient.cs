using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EdgeHive.Testing;

/// <summary>
/// The REST calls on a real Cloud.Silo (loopback port, bootstrap admin token) that the end-to-end tests and the agent
/// benchmark both make. A failed call throws with the method, address, status and body.
/// </summary>
internal abstract class CloudRestClient
{
    /// <summary>The thermometer model: temperature read-only, setpoint 5–35 read-write.</summary>
    private const string ThermometerModel = """
        {"name":"thermometer","spec":{"properties":[
          {"name":"temperature","type":"double","accessMode":"ReadOnly"},
          {"name":"setpoint","type":"double","accessMode":"ReadWrite","minimum":5,"maximum":35}]}}
        """;

    private readonly string _joinTokenDescription;

    protected CloudRestClient(int port, string adminToken, TimeSpan timeout, string joinTokenDescription)
    {
        _joinTokenDescription = joinTokenDescription;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = timeout };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    /// <summary>The silo's HTTP port.</summary>
    public int Port { get; }

    /// <summary>An HTTP client with the bootstrap admin token.</summary>
    public HttpClient Http { get; }

    /// <summary>Creates a join token and returns its secret.</summary>
    public async Task<string> CreateJoinTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/jointokens", new { description = _joinTokenDescription });
        return (await ReadAsync(response)).GetProperty("token").GetString()!;
    }

    /// <summary>Creates the thermometer model (temperature read-only, setpoint 5–35 read-write).</summary>
    public async Task CreateThermometerModelAsync()
    {
        using var response = await Http.PostAsync("/api/v1/devicemodels/default", Json(ThermometerModel));
        await ReadAsync(response);
    }

    /// <summary>Creates a thermometer device bound to <paramref name="node"/>.</summary>
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

    /// <summary>Sets desired values (a JSON object of property name to value).</summary>
    public async Task SetDesiredAsync(string device, string json)
    {
        using var response = await Http.PutAsync($"/api/v1/devices/default/{device}/twin/desired", Json(json));
        await ReadAsync(response);
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
