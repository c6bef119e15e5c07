using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Observability;
using static EdgeHive.Cloud.Silo.Tests.Api.ApiCalls;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>The server-sent-event change feed over real HTTP.</summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private ApiHost _host = null!;

    private HttpClient Admin => _host.Admin;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartSqliteAsync(new Dictionary<string, string?> { ["Api:EventHeartbeat"] = "00:00:00.200" });
        await CreateModelAsync(Admin);
        await RegisterNodeAsync(_host, "edge-1");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stream_is_event_stream_and_sends_new_changes_with_ids()
    {
        await using var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=device");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        var (id, data) = await stream.NextEventAsync(Deadline);
        var change = JsonDocument.Parse(data).RootElement;
        Assert.Equal(id, change.GetProperty("id").GetInt64());
        Assert.Equal("device", change.GetProperty("kind").GetString());
        Assert.Equal("default/d1", change.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_resumes_after_it()
    {
        long firstId;
        await using (var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=device"))
        {
            await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
            firstId = (await stream.NextEventAsync(Deadline)).Id;
        }

        // Changes made while no one listens.
        await CreateDeviceAsync(Admin, "default", Device("d2", "edge-1"));
        await CreateDeviceAsync(Admin, "default", Device("d3", "edge-1"));

        await using var resumed = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=device", firstId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var keys = new List<string>();
        while (keys.Count < 2)
        {
            var (id, data) = await resumed.NextEventAsync(Deadline);
            Assert.True(id > firstId);
            keys.Add(JsonDocument.Parse(data).RootElement.GetProperty("key").GetString()!);
        }

        Assert.Equal(["default/d2", "default/d3"], keys);

        await using var fromQuery = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), $"/api/v1/events?kind=device&after={firstId}");
        Assert.Equal("default/d2", JsonDocument.Parse((await fromQuery.NextEventAsync(Deadline)).Data).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Device_filter_passes_only_that_device()
    {
        await using var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?device=default/d2");
        await CreateDeviceAsync(Admin, "default", Device("d1", "edge-1"));
        await CreateDeviceAsync(Admin, "default", Device("d2", "edge-1"));
        var (_, data) = await stream.NextEventAsync(Deadline);
        Assert.Equal("default/d2", JsonDocument.Parse(data).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Idle_stream_gets_a_retry_interval_and_heartbeat_events_without_data()
    {
        await using var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events?kind=nothing");
        Assert.Equal("retry: 3000", await stream.NextLineAsync("retry:", Deadline));

        // The first heartbeat comes at once; the next ones every Api:EventHeartbeat (200 ms here).
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("event: keepalive", await stream.NextLineAsync("event:", Deadline));
            Assert.Equal("data: ", await stream.NextLineAsync("data:", Deadline));
        }
    }

    [Fact]
    public async Task Stream_ends_when_the_client_disconnects()
    {
        var metrics = _host.Service<CloudMetrics>();
        var stream = await SseReader.OpenAsync(_host.CreateClient(ApiHost.AdminToken), "/api/v1/events");
        await Eventually.TrueAsync(() => metrics.EventStreams == 1, Deadline, "the stream is open");
        await stream.DisposeAsync();
        await Eventually.TrueAsync(() => metrics.EventStreams == 0, Deadline, "the server ends the stream");
    }

    [Fact]
    public async Task Bad_last_event_id_is_400_and_no_token_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");
        await ProblemAssert.IsProblemAsync(await Admin.SendAsync(request), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await Admin.GetAsync("/api/v1/events?after=-1"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _host.CreateClient(null).GetAsync("/api/v1/events"), HttpStatusCode.Unauthorized);
    }
}
