using EdgeHive.Cloud.Silo.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// Makes the OpenAPI document say how to call the API: it declares the bearer scheme (the API and bootstrap tokens of
/// <see cref="ApiTokenAuthenticationHandler"/>) and lists it as the requirement of every operation whose endpoint
/// requires authorization through that scheme. The decision is read from the endpoint's own metadata, combined into
/// its policy the way the authorization middleware does, so that an anonymous endpoint is never marked, a new
/// protected one never forgotten, and an endpoint that signs in another way (the portal's cookie) is left alone.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The scheme's name under <c>components.securitySchemes</c>.</summary>
    public const string SchemeId = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token (or the bootstrap admin token) in the Authorization header: `Authorization: Bearer <token>`.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(policies, [.. metadata.OfType<IAuthorizeData>()], [.. metadata.OfType<AuthorizationPolicy>()]).ConfigureAwait(false);
        if (policy is not null && UsesApiTokens(policy))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        }
    }

    /// <summary>A policy naming no scheme authenticates with the default one, which is the API token handler.</summary>
    private static bool UsesApiTokens(AuthorizationPolicy policy) =>
        policy.AuthenticationSchemes.Count == 0 || policy.AuthenticationSchemes.Contains(ApiTokenAuthenticationHandler.SchemeName);
}
