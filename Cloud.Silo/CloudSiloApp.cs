using EdgeHive.Cloud.Silo.Api;
using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Cloud.Portal.Hosting;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Cloud.Silo.Observability;
using Microsoft.Extensions.Configuration.Memory;

namespace EdgeHive.Cloud.Silo;

/// <summary>Builds the cloud silo web application: the silo with every cloud grain, the REST API, health, metrics, the
/// operator portal and (for its admins) the Orleans Dashboard.
/// <c>Program</c> runs it; tests start it on a free port.</summary>
public static class CloudSiloApp
{
    /// <summary>The URL served when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor <c>Urls</c> names one.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the application from command-line arguments (and the usual configuration sources).</summary>
    /// <param name="args">Command-line arguments, for example <c>--Auth:AdminToken=…</c>.</param>
    /// <param name="configureServices">Extra service registrations applied last (tests replace services here).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddLoggingDefaults(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The portal's, Blazor's and MudBlazor's files come from their packages' folders when running from the build output (not only
        // in Development); a published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddEdgeHiveCloud(builder.Configuration);
        builder.Services.AddEdgeHiveApi(builder.Configuration);
        builder.Services.AddEdgeHiveSiloPortal(builder.Configuration);
        builder.Services.AddEdgeHiveOrleansDashboard();
        builder.Services.AddEdgeGateway(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.MapEdgeGateway();
        app.MapEdgeHiveApi();
        app.MapEdgeHivePortal();
        app.MapEdgeHiveOrleansDashboard();
        return app;
    }

    /// <summary>
    /// One log line per HTTP request at Information: ASP.NET Core's own per-request lines (hosting, routing, endpoint
    /// execution; about ten a request) are raised to Warning, and <see cref="RequestLog"/> writes one line (method,
    /// path, status, duration). The levels are defaults under every other configuration source, so
    /// <c>--Logging:LogLevel:Microsoft.AspNetCore=Information</c> still brings them back.
    /// </summary>
    private static void AddLoggingDefaults(WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
    }
}
