using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>
/// Health, readiness, metrics, OpenAPI, cluster and grain-state endpoints, unknown routes. Alone, after the parallel
/// tests: meters are process-wide by name, so a silo of another test class alive at the same time would add its series
/// to this silo's /metrics.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class ObservabilityTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiHost.StartSqliteAsync(new Dictionary<string, string?> { ["Cluster:IAmAliveInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_and_readiness_answer_without_a_token()
    {
        var anonymous = _host.CreateClient(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_and_count_grain_calls()
    {
        var anonymous = _host.CreateClient(null);
        await CreateModelAsync(_host.Admin);

        await CreateDeviceAsync(_host.Admin, "default", Device("d1", null));
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();

        var typed = new HashSet<string>(StringComparer.Ordinal);
        var helped = new HashSet<string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helped.Add(line.Split(' ')[2]);
            }
            else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "counter", "gauge" });
                typed.Add(parts[2]);
            }
            else
            {
                var match = SampleLine().Match(line);
                Assert.True(match.Success, $"not a sample line: {line}");
                Assert.Contains(match.Groups["name"].Value, typed);
                // OpenTelemetry's exporter names the meter on every sample; the tests look samples up by their own labels.
                var labels = Regex.Replace(match.Groups["labels"].Value, "otel_scope_name=\"[^\"]*\",?", string.Empty);
                // Meters are process-wide by name, so while other test classes run silos in this process their series
                // appear here too (a production process holds one silo); keep the largest value of a series.
                var key = match.Groups["name"].Value + (labels == "{}" ? string.Empty : labels);
                var value = double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
                samples[key] = samples.TryGetValue(key, out var seen) ? Math.Max(seen, value) : value;
            }
        }

        Assert.Equal(typed, helped);
        foreach (var name in new[] { "edgehive_connected_nodes", "edgehive_edge_messages_in_total", "edgehive_edge_messages_out_total", "edgehive_edge_acks_pending", "edgehive_pending_calls", "edgehive_gateway_clients" })
        {
            Assert.True(samples.ContainsKey(name), name + " in:\n" + text);
        }

        Assert.True(samples["edgehive_grain_calls_total"] >= 1);
        Assert.True(samples["edgehive_activations"] >= 1);
        Assert.True(samples["edgehive_activations_by_type{grain_type=\"device\"}"] >= 1);
        Assert.True(samples["edgehive_cluster_silos{status=\"active\"}"] >= 1);
        Assert.Contains(samples.Keys, k => k.StartsWith("target_info{", StringComparison.Ordinal) && k.Contains("service_name=\"edgehive-silo\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cluster_silos_show_this_silo_active_with_activation_counts()
    {
        await CreateModelAsync(_host.Admin);
        await CreateDeviceAsync(_host.Admin, "default", Device("d1", null));
        var (body, _) = await OkAsync(await _host.Admin.GetAsync("/api/v1/cluster/silos"));
        var silo = body.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.True(silo.GetProperty("self").GetBoolean());
        Assert.True(silo.GetProperty("activations").GetInt32() >= 1);
        Assert.True(silo.GetProperty("activationsByType").GetProperty("DeviceModelGrain").GetInt32() >= 1, "the Orleans grain the model lives in is counted");
        Assert.True(silo.GetProperty("iAmAliveTime").GetDateTimeOffset() >= silo.GetProperty("startTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task Grain_state_query_shows_the_stored_row_to_admins()
    {
        await CreateModelAsync(_host.Admin);
        var (row, etag) = await OkAsync(await _host.Admin.GetAsync("/api/v1/grains/devicemodel/default/thermostat"));
        Assert.Equal("default/thermostat", row.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Object, row.GetProperty("state").ValueKind);
        Assert.False(string.IsNullOrEmpty(etag));

        // The key as one escaped path segment, as OpenAPI's {key} is sent by generated clients.
        var (escaped, _) = await OkAsync(await _host.Admin.GetAsync("/api/v1/grains/devicemodel/default%2Fthermostat"));
        Assert.Equal("default/thermostat", escaped.GetProperty("key").GetString());

        // System records (tokens, credentials, silo statistics) are not grain state: they live in tables of their own.
        await ProblemAssert.IsProblemAsync(await _host.Admin.GetAsync("/api/v1/grains/sys.silostats/127.0.0.1:11111@1"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.Admin.GetAsync("/api/v1/grains/devicemodel/default/none"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.Admin.GetAsync("/api/v1/grains/sys.apitoken/bootstrap"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems()
    {
        await ProblemAssert.IsProblemAsync(await _host.Admin.GetAsync("/api/v1/gadgets"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.CreateClient(null).GetAsync("/nowhere"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.Admin.PostAsJsonAsync("/api/v1/cluster/silos", new { }), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var (doc, _) = await OkAsync(await _host.CreateClient(null).GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/devices/{ns}/{name}", "/api/v1/devices/{ns}/{name}/twin/desired", "/api/v1/nodes", "/api/v1/jointokens", "/api/v1/events" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task OpenApi_document_declares_the_bearer_scheme_and_every_api_operation_requires_it_but_not_the_portal_cookie_ones()
    {
        var (doc, _) = await OkAsync(await _host.CreateClient(null).GetAsync("/openapi/v1.json"));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var (checkedOperations, portalOperations) = (0, 0);
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Name != "parameters"))
            {
                var required = operation.Value.TryGetProperty("security", out var security)
                    && security.EnumerateArray().Any(r => r.TryGetProperty("bearer", out _));
                Assert.True(required == path.Name.StartsWith("/api/", StringComparison.Ordinal), $"{operation.Name} {path.Name}: security {(required ? "required" : "missing")}");
                checkedOperations++;
                portalOperations += path.Name.StartsWith("/portal/", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.True(checkedOperations > 20, $"only {checkedOperations} operations in the document");

        // The portal's live stream requires its cookie, not a bearer token: the transformer must tell the two apart.
        Assert.True(portalOperations > 0, "the portal's operations are in the document");
    }

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (?<value>[-+]?(?:[0-9.eE+-]+|Inf|NaN))$")]
    private static partial Regex SampleLine();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics (alone)";
}
