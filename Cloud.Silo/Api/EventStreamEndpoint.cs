using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Observability;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// <c>GET /api/v1/events</c>: the change feed as server-sent events. Each event's <c>id:</c> is the change id, so a
/// client that reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets exactly what it missed; without either
/// the stream starts with the next change. A comment line every heartbeat keeps idle streams alive. The stream ends
/// when the client goes away.
/// </summary>
internal static partial class EventStreamEndpoint
{
    private static readonly byte[] Heartbeat = ": keepalive\n\n"u8.ToArray();

    public static void MapEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync)
            .WithTags("Events").RequireAuthorization(ApiPolicies.Viewer)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context,
        [FromServices] IChangeFeed feed,
        IOptions<ApiOptions> options,
        TimeProvider time,
        CloudMetrics metrics,
        ILoggerFactory loggerFactory,
        CancellationToken ct)
    {
        if (!TryGetStart(context.Request, out var after, out var problem))
        {
            return problem!;
        }

        var filter = EventFilter.FromQuery(context.Request.Query);
        var start = after ?? await feed.LatestIdAsync(ct);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();

        var logger = loggerFactory.CreateLogger(typeof(EventStreamEndpoint));
        using var writeLock = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        metrics.AddEventStreams(1);
        Log.Opened(logger, start, filter.Kinds.Count == 0 ? "*" : string.Join(',', filter.Kinds), filter.Node, filter.Device);
        try
        {
            await WriteAsync(response, writeLock, Encoding.UTF8.GetBytes("retry: 3000\n\n"), stop.Token);
            var beats = BeatAsync(response, writeLock, options.Value.EventHeartbeat, time, stop.Token);
            try
            {
                await foreach (var change in feed.ReadAsync(start, filter.IsEmpty ? null : filter.Matches, stop.Token))
                {
                    await WriteAsync(response, writeLock, Format(change), stop.Token);
                }
            }
            finally
            {
                await stop.CancelAsync();
                await beats;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
        finally
        {
            metrics.AddEventStreams(-1);
            Log.Closed(logger);
        }

        return Results.Empty;
    }

    /// <summary>One change as an SSE event: <c>id:</c> and one <c>data:</c> line of compact JSON.</summary>
    internal static byte[] Format(ChangeEvent change)
    {
        var json = JsonSerializer.Serialize(change, CloudJson.Options);
        return Encoding.UTF8.GetBytes(
            "id: " + change.Id.ToString(CultureInfo.InvariantCulture) + "\ndata: " + json + "\n\n");
    }

    private static bool TryGetStart(HttpRequest request, out long? after, out ProblemResult? problem)
    {
        after = null;
        problem = null;
        string? header = request.Headers["Last-Event-ID"];
        string? query = request.Query["after"];
        // A reconnecting EventSource sends the header; it is newer than the URL the stream was first opened with.
        var (text, name) = !string.IsNullOrWhiteSpace(header) ? (header, "Last-Event-ID") : (query, "after");
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            problem = Problems.BadRequest($"{name} must be an event id (a non-negative integer).");
            return false;
        }

        after = id;
        return true;
    }

    private static async Task BeatAsync(HttpResponse response, SemaphoreSlim writeLock, TimeSpan period, TimeProvider time, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(period, time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                await WriteAsync(response, writeLock, Heartbeat, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Ends with the stream.
        }
    }

    private static async Task WriteAsync(HttpResponse response, SemaphoreSlim writeLock, byte[] bytes, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct);
        try
        {
            await response.Body.WriteAsync(bytes, ct);
            await response.Body.FlushAsync(ct);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
