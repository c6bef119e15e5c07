using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// The CRUD shape every namespaced resource shares (<c>/api/v1/{collection}</c>): create with POST (namespace from
/// the path or the body), get with conditional reads, replace with PUT, JSON merge patch, delete; writes need an
/// editor token and honour <c>If-Match</c> (412 on a stale ETag); every failure is problem+json. A resource supplies
/// only its names and the grain calls; its endpoint file keeps what is its own (a device's desired values).
/// </summary>
/// <typeparam name="TDocument">The create/replace body.</typeparam>
/// <typeparam name="TSpec">The resource's spec.</typeparam>
/// <typeparam name="TResource">The resource as the grain returns it.</typeparam>
/// <param name="collection">The path segment under <c>/api/v1</c>, e.g. <c>devices</c>.</param>
/// <param name="noun">The resource in messages, e.g. <c>device model</c>.</param>
internal sealed class ResourceEndpoints<TDocument, TSpec, TResource>(string collection, string noun)
    where TDocument : class, IResourceDocument<TSpec>
    where TSpec : class
{
    /// <summary>Creates the resource from its spec.</summary>
    public required Func<ApiGrains, ResourceKey, TSpec, Task<OperationResult<TResource>>> Create { get; init; }

    /// <summary>Reads the resource.</summary>
    public required Func<ApiGrains, ResourceKey, Task<OperationResult<TResource>>> Get { get; init; }

    /// <summary>Replaces the spec if the ETag (or null) matches.</summary>
    public required Func<ApiGrains, ResourceKey, TSpec, string?, Task<OperationResult<TResource>>> Replace { get; init; }

    /// <summary>Applies a JSON merge patch if the ETag (or null) matches.</summary>
    public required Func<ApiGrains, ResourceKey, string, string?, Task<OperationResult<TResource>>> Patch { get; init; }

    /// <summary>Deletes the resource if the ETag (or null) matches.</summary>
    public required Func<ApiGrains, ResourceKey, string?, Task<OperationResult<TResource>>> Delete { get; init; }

    /// <summary>Maps the six CRUD routes on a new group <c>/{collection}</c> tagged <paramref name="tag"/>.</summary>
    /// <returns>The group, for the resource's own routes.</returns>
    public RouteGroupBuilder Map(RouteGroupBuilder api, string tag)
    {
        var group = api.MapGroup("/" + collection).WithTags(tag);
        group.MapPost("/", (HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, null, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<TDocument>(RequestBodies.Json).Produces<TResource>(StatusCodes.Status201Created);
        group.MapPost("/{ns}", (string ns, HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, ns, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<TDocument>(RequestBodies.Json).Produces<TResource>(StatusCodes.Status201Created);
        group.MapGet("/{ns}/{name}", (string ns, string name, HttpContext context, ApiGrains grains) => GetAsync(ns, name, context, grains))
            .Produces<TResource>();
        group.MapPut("/{ns}/{name}", (string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct) => ReplaceAsync(ns, name, context, grains, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<TDocument>(RequestBodies.Json).Produces<TResource>();
        group.MapPatch("/{ns}/{name}", (string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct) => PatchAsync(ns, name, context, grains, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<object>(RequestBodies.MergePatch).Produces<TResource>();
        group.MapDelete("/{ns}/{name}", (string ns, string name, HttpContext context, ApiGrains grains) => DeleteAsync(ns, name, context, grains))
            .RequireAuthorization(ApiPolicies.Editor).Produces<TResource>();
        return group;
    }

    /// <summary>The key of <c>{ns}/{name}</c>, or the 404 problem for a name that cannot exist.</summary>
    public (ResourceKey Key, IResult? Problem) Key(string ns, string name) =>
        ResourceKey.TryCreate(ns, name, out var key, out var error)
            ? (key, null)
            : (default, Problems.NotFound($"There is no {noun} {ns}/{name} ({error})."));

    private async Task<IResult> CreateAsync(HttpContext context, ApiGrains grains, string? ns, CancellationToken ct)
    {
        var body = await RequestBodies.ReadJsonAsync<TDocument>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var document = body.Value!;
        var (key, problem) = DocumentIdentity.Resolve(ns, null, document.Namespace, document.Name);
        if (problem is not null)
        {
            return problem;
        }

        if (document.Spec is not { } spec)
        {
            return Problems.Validation("spec", "is required");
        }

        var result = await Create(grains, key, spec);
        return ApiResults.Entity(context, result, StatusCodes.Status201Created, $"/api/v1/{collection}/{key}");
    }

    private async Task<IResult> GetAsync(string ns, string name, HttpContext context, ApiGrains grains)
    {
        var (key, problem) = Key(ns, name);
        return problem ?? ApiResults.Read(context, await Get(grains, key));
    }

    private async Task<IResult> ReplaceAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadJsonAsync<TDocument>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (key, problem) = DocumentIdentity.Resolve(ns, name, body.Value!.Namespace, body.Value.Name);
        if (problem is not null)
        {
            return problem;
        }

        return body.Value.Spec is not { } spec
            ? Problems.Validation("spec", "is required")
            : ApiResults.Entity(context, await Replace(grains, key, spec, ifMatch));
    }

    private async Task<IResult> PatchAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadMergePatchAsync(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (key, problem) = Key(ns, name);
        return problem ?? ApiResults.Entity(context, await Patch(grains, key, body.Value!, ifMatch));
    }

    private async Task<IResult> DeleteAsync(string ns, string name, HttpContext context, ApiGrains grains)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var (key, problem) = Key(ns, name);
        return problem ?? ApiResults.Entity(context, await Delete(grains, key, ifMatch));
    }
}
