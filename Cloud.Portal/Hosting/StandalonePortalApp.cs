using System.Net;
using EdgeHive.Cloud.Portal.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>Builds the standalone portal: the portal's pages in a process of its own, talking to the cluster through
/// silo gateways (see <see cref="StandalonePortalServiceCollectionExtensions.AddEdgeHiveStandalonePortal"/>).
/// <c>Program</c> runs it; tests start it as a process.</summary>
public static class StandalonePortalApp
{
    /// <summary>The URL served when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor <c>Urls</c> names one.</summary>
    public const string DefaultUrl = "http://localhost:5090";

    private const string AssetsPath = "/_content/EdgeHive.Cloud.Portal";

    /// <summary>Builds the application from command-line arguments (and the usual configuration sources).</summary>
    /// <param name="args">For example <c>--Portal:Gateways=127.0.0.1:30000 --Storage:DataDir=./.data</c>.</param>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The portal's, Blazor's and MudBlazor's files come from their packages' folders when running from the build output.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddEdgeHiveStandalonePortal(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorPageAsync });

        // A project's own static web assets are served at its root; the pages link them where the silo serves them.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AssetsPath, out var rest))
            {
                context.Request.Path = rest;
            }

            return next(context);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapEdgeHivePortal();
        return app;
    }

    /// <summary>A request that failed outside a page's error boundary (a form post, a redirect) gets a plain page that
    /// says why, instead of a bare 500: usually that no silo gateway answers.</summary>
    private static async Task WriteErrorPageAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var unavailable = error is ClusterUnavailableException or TimeoutException;
        context.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        var message = unavailable
            ? "The cluster is not reachable right now (no silo gateway answers). The portal keeps trying; reload the page in a moment."
            : "Something went wrong. Reload the page to try again.";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html><head><title>EdgeHive</title></head><body><h1>EdgeHive</h1><p data-testid=\"cluster-unavailable\">{WebUtility.HtmlEncode(message)}</p>" +
            $"<p>{WebUtility.HtmlEncode(error?.Message ?? string.Empty)}</p></body></html>",
            context.RequestAborted).ConfigureAwait(false);
    }
}
