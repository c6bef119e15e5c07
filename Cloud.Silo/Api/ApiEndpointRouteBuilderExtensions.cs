using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Maps the REST API under <c>/api/v1</c>, the OpenAPI document, health and metrics.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds the error, authentication and authorization middleware and maps every endpoint: <c>/api/v1/…</c>
    /// (bearer token required), <c>/openapi/v1.json</c>, <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>. Unknown
    /// paths answer a 404 problem. Call right after the app is built, before other endpoints.
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
        api.MapNodes();
        api.MapDevices();
        api.MapDeviceModels();
        api.MapCluster();
        api.MapGrainState();
        api.MapTokens();
        api.MapEvents();

        app.MapFallback((HttpContext context) => Problems.NotFound($"There is no resource at {context.Request.Path}."))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
