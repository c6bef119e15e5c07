using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Maps the REST API under <c>/api/v1</c>, the OpenAPI document, health and metrics.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds the error, authentication and authorization middleware and maps every endpoint: <c>/api/v1/…</c>
    /// (bearer token required), <c>/openapi/v1.json</c>, <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>. Unknown
    /// paths, methods and media types answer problems too (status code pages through the problem details service). Call right after the app is built, before other endpoints.
    /// </summary>
    public static WebApplication MapEdgeHiveApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapObservability();

        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Viewer);
        api.MapLists();
        api.MapNodes();
        api.MapDevices();
        api.MapDeviceModels();
        api.MapWorkloads();
        api.MapCluster();
        api.MapGrainState();
        api.MapTokens();
        api.MapEvents();

        return app;
    }
}
