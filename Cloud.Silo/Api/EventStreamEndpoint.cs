using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
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
/// the stream starts with the next change. A <c>keepalive</c> event with empty data every heartbeat keeps idle streams
/// alive. Written by ASP.NET Core's <c>TypedResults.ServerSentEvents</c>. The stream ends when the client goes away.
/// </summary>
internal static partial class EventStreamEndpoint
{
    /// <summary>The type of the heartbeat events. Their data is empty, so browsers' <c>EventSource</c> does not
    /// dispatch them (WHATWG HTML, "dispatch the event": an empty data buffer dispatches nothing).</summary>
    internal const string KeepAliveEvent = "keepalive";

    private static readonly TimeSpan Reconnection = TimeSpan.FromSeconds(3);

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
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var logger = loggerFactory.CreateLogger(typeof(EventStreamEndpoint));
        return TypedResults.ServerSentEvents(EventsAsync(feed, start, filter, options.Value.EventHeartbeat, time, metrics, logger, ct));
    }

    /// <summary>
    /// The stream's items: first a keepalive carrying the reconnection interval (so the client has the headers and
    /// <c>retry:</c> at once), then each change as it happens, and a keepalive whenever a heartbeat passes. Ends when
    /// the client goes away.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        IChangeFeed feed,
        long start,
        EventFilter filter,
        TimeSpan heartbeat,
        TimeProvider time,
        CloudMetrics metrics,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken ct)
    {
        metrics.AddEventStreams(1);
        Log.Opened(logger, start, filter.Kinds.Count == 0 ? "*" : string.Join(',', filter.Kinds), filter.Node, filter.Device);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var timer = new PeriodicTimer(heartbeat, time);
        var changes = feed.ReadAsync(start, filter.IsEmpty ? null : filter.Matches, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = changes.MoveNextAsync().AsTask();
        var tick = timer.WaitForNextTickAsync(stop.Token).AsTask();
        try
        {
            yield return new SseItem<string>(string.Empty, KeepAliveEvent) { ReconnectionInterval = Reconnection };
            while (true)
            {
                var done = await Task.WhenAny(next, tick);
                if (done == next)
                {
                    if (!await next)
                    {
                        yield break;
                    }

                    var change = changes.Current;
                    yield return new SseItem<string>(JsonSerializer.Serialize(change, CloudJson.Options))
                    {
                        EventId = change.Id.ToString(CultureInfo.InvariantCulture),
                    };
                    next = changes.MoveNextAsync().AsTask();
                }
                else
                {
                    if (!await tick)
                    {
                        yield break;
                    }

                    yield return new SseItem<string>(string.Empty, KeepAliveEvent);
                    tick = timer.WaitForNextTickAsync(stop.Token).AsTask();
                }
            }
        }
        finally
        {
            // The pending reads end with the stop; only then may the feed's enumerator be disposed.
            await stop.CancelAsync();
            await ((Task)Task.WhenAll(next, tick)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await changes.DisposeAsync();
            metrics.AddEventStreams(-1);
            Log.Closed(logger);
        }
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
}
