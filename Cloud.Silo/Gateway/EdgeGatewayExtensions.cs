using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Edge.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>Wires the edge gateway (the WebSocket endpoint edge agents connect to) into a silo host.</summary>
public static class EdgeGatewayExtensions
{
    /// <summary>
    /// Adds the gateway's services and its heartbeat. Settings come from the <c>Gateway</c> section
    /// (<see cref="EdgeGatewayOptions"/>: <c>KeepAlive</c>, <c>DeadAfter</c>, <c>RateLimitPerSecond</c>,
    /// <c>RateLimitBurst</c>, <c>MaxFrameBytes</c>, …) and are validated here, at start. Needs the silo
    /// (<c>AddEdgeHiveCloud</c>) and an <c>INodeCredentials</c>. Register it after the silo, so that on shutdown the
    /// connections are told to go away before the silo leaves the cluster.
    /// </summary>
    public static IServiceCollection AddEdgeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new EdgeGatewayOptions();
        configuration.GetSection(EdgeGatewayOptions.SectionName).Bind(options);
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CloudMetrics>();
        services.TryAddSingleton<IEdgeEventSink, LoggingEdgeEventSink>();
        services.AddSingleton<EdgeConnectionRegistry>();
        services.AddSingleton<UpstreamHandler>();
        services.AddSingleton(_ => new UpstreamRateLimiter(options.RateLimit));
        services.AddSingleton<EdgeGatewayServices>();
        services.AddSingleton<WorkloadLogsClient>();
        services.AddSingleton<EdgeAuthenticator>();
        services.AddSingleton<EdgeUpgradeHandler>();
        services.AddSingleton<EdgeHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<EdgeHeartbeat>());
        services.AddHostedService<NodeRevocationWatcher>();
        return services;
    }

    /// <summary>Serves the edge endpoint at <see cref="EdgeProtocolConstants.ConnectPath"/>.</summary>
    public static WebApplication MapEdgeGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Protocol keepalives (15 s) do the liveness work; WebSocket pings only keep idle middleboxes from
        // dropping the TCP connection and are not counted as traffic.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map(EdgeProtocolConstants.ConnectPath, context => context.RequestServices.GetRequiredService<EdgeUpgradeHandler>().HandleAsync(context));
        return app;
    }
}
