using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>A device model with devices using it (the model-only tests: <see cref="Orleans.DeviceModelGrainTests"/>).</summary>
public sealed class DeviceModelInUseTests : IAsyncLifetime
{
    private CloudSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CloudSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private IDeviceModelGrain Model(string key = "default/thermostat") => _silo.Grains.GetGrain<IDeviceModelGrain>(key);

    [Fact]
    public async Task A_model_in_use_cannot_be_deleted_until_its_devices_are_gone()
    {
        await Fixtures.CreateModelAsync(_silo.Grains);
        await Fixtures.CreateDeviceAsync(_silo.Grains, "default/d1", Fixtures.Spec(null));
        Assert.Equal(1, (await Model().Get()).Value!.Status.DeviceCount);

        var refused = await Model().Delete(null);
        Assert.Equal(OperationStatus.Conflict, refused.Status);
        Assert.NotNull(refused.ETag);

        Assert.True((await _silo.Grains.GetGrain<IDeviceGrain>("default/d1").Delete(null)).IsOk);
        var deleted = await Model().Delete(null);
        Assert.Equal(OperationStatus.Ok, deleted.Status);
        Assert.Equal(OperationStatus.NotFound, (await Model().Get()).Status);

        // Created again, its versions continue, so nodes that saw the old one never mistake the new one for stale.
        var recreated = await Model().Create(Fixtures.ThermostatModel);
        Assert.True(recreated.Value!.ResourceVersion > deleted.Value!.ResourceVersion);
    }
}
