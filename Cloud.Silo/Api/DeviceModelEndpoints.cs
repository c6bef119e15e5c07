using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Device models: <c>/api/v1/devicemodels</c>. Reads need a viewer token, writes an editor token.</summary>
internal static class DeviceModelEndpoints
{
    public static void MapDeviceModels(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/devicemodels").WithTags("Device models");
        models.MapPost("/", (HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, null, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceModelDocument>(RequestBodies.Json).Produces<DeviceModel>(StatusCodes.Status201Created);
        models.MapPost("/{ns}", (string ns, HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, ns, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceModelDocument>(RequestBodies.Json).Produces<DeviceModel>(StatusCodes.Status201Created);
        models.MapGet("/{ns}/{name}", GetAsync).Produces<DeviceModel>();
        models.MapPut("/{ns}/{name}", ReplaceAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceModelDocument>(RequestBodies.Json).Produces<DeviceModel>();
        models.MapPatch("/{ns}/{name}", PatchAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<object>(RequestBodies.MergePatch).Produces<DeviceModel>();
        models.MapDelete("/{ns}/{name}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor).Produces<DeviceModel>();
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiGrains grains, string? ns, CancellationToken ct)
    {
        var body = await RequestBodies.ReadJsonAsync<DeviceModelDocument>(context.Request, ct);
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

        if (document.Spec is null)
        {
            return Problems.Validation("spec", "is required");
        }

        var result = await grains.DeviceModel(key).Create(document.Spec);
        return ApiResults.Entity(context, result, StatusCodes.Status201Created, $"/api/v1/devicemodels/{key}");
    }

    private static async Task<IResult> GetAsync(string ns, string name, HttpContext context, ApiGrains grains)
    {
        if (!ResourceKey.TryCreate(ns, name, out var key, out var error))
        {
            return Problems.NotFound($"There is no device model {ns}/{name} ({error}).");
        }

        return ApiResults.Read(context, await grains.DeviceModel(key).Get());
    }

    private static async Task<IResult> ReplaceAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadJsonAsync<DeviceModelDocument>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var (key, problem) = DocumentIdentity.Resolve(ns, name, body.Value!.Namespace, body.Value.Name);
        if (problem is not null)
        {
            return problem;
        }

        return body.Value.Spec is null
            ? Problems.Validation("spec", "is required")
            : ApiResults.Entity(context, await grains.DeviceModel(key).Replace(body.Value.Spec, ifMatch));
    }

    private static async Task<IResult> PatchAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
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

        if (!ResourceKey.TryCreate(ns, name, out var key, out var error))
        {
            return Problems.NotFound($"There is no device model {ns}/{name} ({error}).");
        }

        return ApiResults.Entity(context, await grains.DeviceModel(key).Patch(body.Value!, ifMatch));
    }

    private static async Task<IResult> DeleteAsync(string ns, string name, HttpContext context, ApiGrains grains)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        if (!ResourceKey.TryCreate(ns, name, out var key, out var error))
        {
            return Problems.NotFound($"There is no device model {ns}/{name} ({error}).");
        }

        return ApiResults.Entity(context, await grains.DeviceModel(key).Delete(ifMatch));
    }
}
