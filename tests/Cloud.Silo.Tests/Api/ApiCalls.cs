using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Requests the API tests make again and again.</summary>
internal static class ApiCalls
{
    public static readonly NodeInfo NodeInfo = new("edge.local", "linux", "arm64", "0.1.0", new NodeCapacity(2, 1L << 30, 8L << 30, 0));

    public static object ThermostatModel(string name = "thermostat") => new
    {
        name,
        spec = new { description = "A thermostat", properties = Samples.ThermostatProperties },
    };

    public static object Device(string name, string? node, string model = "thermostat", object? labels = null, object? desired = null) => new
    {
        name,
        spec = new { model, nodeName = node, labels = labels ?? new { }, desired = desired ?? new { } },
    };

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<(JsonElement Body, string ETag)> CreateModelAsync(HttpClient client, string ns = "default", string name = "thermostat")
    {
        var response = await client.PostAsJsonAsync($"/api/v1/devicemodels/{ns}", ThermostatModel(name));
        return await OkAsync(response, HttpStatusCode.Created);
    }

    public static async Task<(JsonElement Body, string ETag)> CreateDeviceAsync(HttpClient client, string ns, object device)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/devices/{ns}", device);
        return await OkAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Registers a node the way the edge gateway does (grain call), since nodes are not created over REST.</summary>
    public static async Task RegisterNodeAsync(ApiHost host, string name)
    {
        var result = await host.Service<global::Orleans.IGrainFactory>().GetGrain<IEdgeNodeGrain>(name).Register(NodeInfo);
        Assert.True(result.IsOk, result.Message);
    }

    public static async Task<(JsonElement Body, string ETag)> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var etag = response.Headers.ETag?.ToString() ?? string.Empty;
        return (JsonDocument.Parse(text).RootElement.Clone(), etag);
    }

    public static EntityTagHeaderValue Tag(string etag) => EntityTagHeaderValue.Parse(etag);
}
