using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Cluster;
using Microsoft.AspNetCore.Http;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>
/// <c>GET /portal/live?watch=kind[:key][,kind[:key]…]</c>: the page's one subscription to the change feed, as
/// server-sent events. Each matching change is one <c>change</c> event naming the resource; the page then re-reads
/// itself. Content never travels here, so the stream needs no authorization beyond being signed in.
/// </summary>
internal static class LiveEndpoint
{
    public static async Task HandleAsync(HttpContext context, IPortalBackend backend)
    {
        var filter = LiveFilter.Parse(context.Request.Query["watch"].ToString());
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var cancellationToken = context.RequestAborted;

        // Opening comment: the browser marks the stream open without waiting for the first change.
        await context.Response.WriteAsync(": ok\n\n", cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var after = await backend.LatestChangeIdAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var change in backend.ChangesAsync(after, cancellationToken).ConfigureAwait(false))
            {
                if (!filter.Matches(change))
                {
                    continue;
                }

                await context.Response.WriteAsync($"id: {change.Id}\nevent: change\ndata: {change.Kind} {change.Key} {change.Operation}\n\n", cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
        catch (ClusterUnavailableException)
        {
            // A standalone portal with no silo answering: end the stream; the browser reconnects on its own.
        }
    }
}
