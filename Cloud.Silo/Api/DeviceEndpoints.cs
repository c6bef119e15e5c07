using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Devices: <c>/api/v1/devices</c>, the shared CRUD shape plus the desired values
/// (<c>PUT …/twin/desired</c>). Reads need a viewer token, writes an editor token.</summary>
internal static class DeviceEndpoints
{
    private static readonly ResourceEndpoints<DeviceDocument, DeviceSpec, Device> Crud = new("devices", "device")
    {
        Create = static (grains, key, spec) => grains.Device(key).Create(spec),
        Get = static (grains, key) => grains.Device(key).Get(),
        Replace = static (grains, key, spec, ifMatch) => grains.Device(key).Replace(spec, ifMatch),
        Patch = static (grains, key, patch, ifMatch) => grains.Device(key).Patch(patch, ifMatch),
        Delete = static (grains, key, ifMatch) => grains.Device(key).Delete(ifMatch),
    };

    public static void MapDevices(this RouteGroupBuilder api)
    {
        var devices = Crud.Map(api, "Devices");
        devices.MapPut("/{ns}/{name}/twin/desired", SetDesiredAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<Dictionary<string, string?>>(RequestBodies.Json).Produces<Device>();
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

        var (key, keyProblem) = Crud.Key(ns, name);
        return keyProblem ?? ApiResults.Entity(context, await grains.Device(key).SetDesired(desired!, ifMatch));
    }
}
