using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Registers the REST API, its authentication and the observability endpoints' services.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the services behind <see cref="ApiEndpointRouteBuilderExtensions.MapEdgeHiveApi"/>: bearer-token
    /// authentication with viewer/editor/admin policies, API and join tokens, node credentials
    /// (<see cref="INodeCredentials"/>, <see cref="IJoinTokens"/> for the edge gateway), <see cref="CloudMetrics"/>,
    /// problem details and the OpenAPI document. Call after the silo is added.
    /// </summary>
    public static IServiceCollection AddEdgeHiveApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CloudMetrics>();
        services.TryAddSingleton<OrleansGatewayClients>();
        services.TryAddSingleton<SiloMetrics>();
        // No scrape cache: the exporter would otherwise answer a scrape within 300 ms of the last with the old text, so a
        // count read right after a call could miss it; one scrape every few seconds costs nothing worth caching.
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("edgehive-silo"))
            .WithMetrics(m => m.AddMeter(CloudMetrics.MeterName).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.TryAddSingleton<ConsoleOutput>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<IJoinTokens, JoinTokenStore>();
        services.AddSingleton<INodeCredentials, NodeCredentialStore>();
        services.AddSingleton<ApiGrains>();
        services.AddHostedService<AdminTokenBootstrap>();

        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Viewer, p => p.RequireRole(ApiPolicies.ClaimValue(ApiRole.Viewer)))
            .AddPolicy(ApiPolicies.Editor, p => p.RequireRole(ApiPolicies.ClaimValue(ApiRole.Editor)))
            .AddPolicy(ApiPolicies.Admin, p => p.RequireRole(ApiPolicies.ClaimValue(ApiRole.Admin)));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path.Value;
            c.ProblemDetails.Extensions.Remove("traceId");
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return services;
    }
}
