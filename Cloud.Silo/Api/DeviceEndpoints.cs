using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Devices: <c>/api/v1/devices</c>. Reads need a viewer token, writes an editor token.</summary>
internal static class DeviceEndpoints
{
    public static void MapDevices(this RouteGroupBuilder api)
    {
        var devices = api.MapGroup("/devices").WithTags("Devices");
        devices.MapPost("/", (HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, null, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceDocument>(RequestBodies.Json).Produces<Device>(StatusCodes.Status201Created);
        devices.MapPost("/{ns}", (string ns, HttpContext context, ApiGrains grains, CancellationToken ct) => CreateAsync(context, grains, ns, ct))
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceDocument>(RequestBodies.Json).Produces<Device>(StatusCodes.Status201Created);
        devices.MapGet("/{ns}/{name}", GetAsync).Produces<Device>();
        devices.MapPut("/{ns}/{name}", ReplaceAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<DeviceDocument>(RequestBodies.Json).Produces<Device>();
        devices.MapPatch("/{ns}/{name}", PatchAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<object>(RequestBodies.MergePatch).Produces<Device>();
        devices.MapDelete("/{ns}/{name}", DeleteAsync).RequireAuthorization(ApiPolicies.Editor).Produces<Device>();
        devices.MapPut("/{ns}/{name}/twin/desired", SetDesiredAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<Dictionary<string, string?>>(RequestBodies.Json).Produces<Device>();
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ApiGrains grains, string? ns, CancellationToken ct)
    {
        var body = await RequestBodies.ReadJsonAsync<DeviceDocument>(context.Request, ct);
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

        var result = await grains.Device(key).Create(document.Spec);
        return ApiResults.Entity(context, result, StatusCodes.Status201Created, $"/api/v1/devices/{key}");
    }

    private static async Task<IResult> GetAsync(string ns, string name, HttpContext context, ApiGrains grains)
    {
        if (!ResourceKey.TryCreate(ns, name, out var key, out var error))
        {
            return Problems.NotFound($"There is no device {ns}/{name} ({error}).");
        }

        return ApiResults.Read(context, await grains.Device(key).Get());
    }

    private static async Task<IResult> ReplaceAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadJsonAsync<DeviceDocument>(context.Request, ct);
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
            : ApiResults.Entity(context, await grains.Device(key).Replace(body.Value.Spec, ifMatch));
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
            return Problems.NotFound($"There is no device {ns}/{name} ({error}).");
        }

        return ApiResults.Entity(context, await grains.Device(key).Patch(body.Value!, ifMatch));
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
            return Problems.NotFound($"There is no device {ns}/{name} ({error}).");
        }

        return ApiResults.Entity(context, await grains.Device(key).Delete(ifMatch));
    }

    private static async Task<IResult> SetDesiredAsync(string ns, string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadDocumentAsync(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        using var document = body.Value!;
        var (desired, problem) = DesiredValuesBody.Parse(document.RootElement);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceKey.TryCreate(ns, name, out var key, out var error))
        {
            return Problems.NotFound($"There is no device {ns}/{name} ({error}).");
        }

        return ApiResults.Entity(context, await grains.Device(key).SetDesired(desired!, ifMatch));
    }
}
