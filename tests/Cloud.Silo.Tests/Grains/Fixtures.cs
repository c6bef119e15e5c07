using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>Creates the resources most grain tests start from.</summary>
internal static class Fixtures
{
    public static readonly NodeInfo Info = new("edge.local", "linux", "arm64", "0.1.0", new NodeCapacity(2, 1L << 30, 8L << 30, 0));

    public static DeviceModelSpec ThermostatModel => new("A thermostat", Samples.ThermostatProperties);

    public static DeviceSpec Spec(string? node, string model = "thermostat", IReadOnlyDictionary<string, string>? desired = null, IReadOnlyDictionary<string, string>? labels = null) =>
        new(model, node, null, labels ?? new Dictionary<string, string>(), desired ?? new Dictionary<string, string>());

    public static async Task<DeviceModel> CreateModelAsync(global::Orleans.IGrainFactory grains, string key = "default/thermostat")
    {
        var result = await grains.GetGrain<IDeviceModelGrain>(key).Create(ThermostatModel);
        Assert.True(result.IsOk, result.Message);
        return result.Value!;
    }

    public static async Task<EdgeNode> RegisterNodeAsync(global::Orleans.IGrainFactory grains, string name)
    {
        var result = await grains.GetGrain<IEdgeNodeGrain>(name).Register(Info);
        Assert.True(result.IsOk, result.Message);
        return result.Value!;
    }

    public static async Task<Device> CreateDeviceAsync(global::Orleans.IGrainFactory grains, string key, DeviceSpec spec)
    {
        var result = await grains.GetGrain<IDeviceGrain>(key).Create(spec);
        Assert.True(result.IsOk, $"{result.Status}: {result.Message} {string.Join(", ", result.Errors.Select(e => e.Property + ": " + e.Message))}");
        return result.Value!;
    }

    public static IReadOnlyDictionary<string, string?> Desired(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);
}
