using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Device models: <c>/api/v1/devicemodels</c>, the shared CRUD shape and nothing else. Reads need a viewer
/// token, writes an editor token.</summary>
internal static class DeviceModelEndpoints
{
    private static readonly ResourceEndpoints<DeviceModelDocument, DeviceModelSpec, DeviceModel> Crud = new("devicemodels", "device model")
    {
        Create = static (grains, key, spec) => grains.DeviceModel(key).Create(spec),
        Get = static (grains, key) => grains.DeviceModel(key).Get(),
        Replace = static (grains, key, spec, ifMatch) => grains.DeviceModel(key).Replace(spec, ifMatch),
        Patch = static (grains, key, patch, ifMatch) => grains.DeviceModel(key).Patch(patch, ifMatch),
        Delete = static (grains, key, ifMatch) => grains.DeviceModel(key).Delete(ifMatch),
    };

    public static void MapDeviceModels(this RouteGroupBuilder api) => Crud.Map(api, "Device models");
}
