using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

public sealed class DeviceModelGrainTests : IAsyncLifetime
{
    private CloudSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await CloudSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private IDeviceModelGrain Model(string key = "default/thermostat") => _silo.Grains.GetGrain<IDeviceModelGrain>(key);

    [Fact]
    public async Task Create_persists_the_model_and_a_second_create_conflicts_with_its_etag()
    {
        var created = await Model().Create(Fixtures.ThermostatModel);
        Assert.Equal(OperationStatus.Ok, created.Status);
        Assert.Equal("\"1\"", created.ETag);

        var again = await Model().Create(Fixtures.ThermostatModel);
        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Equal("\"1\"", again.ETag);

        // Persisted: a fresh silo on the same file would load it; here the list (SQL) sees it.
        var page = await _silo.Queries.ListAsync(new Queries.DeviceModelListQuery(), CancellationToken.None);
        Assert.Equal("thermostat", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_rejected_with_the_current_etag_and_changes_nothing()
    {
        await Fixtures.CreateModelAsync(_silo.Grains);
        var changed = await Model().Replace(Fixtures.ThermostatModel with { Description = "v2" }, "\"1\"");
        Assert.Equal(OperationStatus.Ok, changed.Status);
        Assert.Equal("\"2\"", changed.ETag);

        var stale = await Model().Replace(Fixtures.ThermostatModel with { Description = "v3" }, "\"1\"");
        Assert.Equal(OperationStatus.PreconditionFailed, stale.Status);
        Assert.Equal("\"2\"", stale.ETag);
        Assert.Equal("v2", (await Model().Get()).Value!.Spec.Description);

        Assert.Equal(OperationStatus.BadRequest, (await Model().Replace(Fixtures.ThermostatModel, "not-an-etag")).Status);
        Assert.Equal(OperationStatus.NotFound, (await Model("default/missing").Replace(Fixtures.ThermostatModel, null)).Status);
    }

    [Fact]
    public async Task Invalid_specs_fail_validation_naming_the_property()
    {
        var spec = new DeviceModelSpec(null, [Samples.Property("speed", PropertyType.String, min: 1)]);
        var result = await Model().Create(spec);
        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        Assert.Contains(result.Errors, e => e.Property == "spec.properties[0].minimum");
        Assert.Equal(OperationStatus.NotFound, (await Model().Get()).Status);
    }

    [Fact]
    public async Task Merge_patch_changes_the_spec_and_refuses_immutable_fields()
    {
        await Fixtures.CreateModelAsync(_silo.Grains);
        var patched = await Model().Patch("""{"spec":{"description":"patched"}}""", "*");
        Assert.Equal(OperationStatus.Ok, patched.Status);
        Assert.Equal("patched", patched.Value!.Spec.Description);
        Assert.Equal(Samples.ThermostatProperties.Count, patched.Value.Spec.Properties.Count);

        var rename = await Model().Patch("""{"name":"other"}""", null);
        Assert.Equal(OperationStatus.ValidationFailed, rename.Status);
        Assert.Equal("name", Assert.Single(rename.Errors).Property);
        Assert.Equal(OperationStatus.BadRequest, (await Model().Patch("{not json", null)).Status);
    }

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
