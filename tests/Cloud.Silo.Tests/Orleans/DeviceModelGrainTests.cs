using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary><c>DeviceModelGrain</c> on Orleans, in a two-silo in-process cluster. The fixture is shared, so
/// each test has a namespace of its own.</summary>
public sealed class DeviceModelGrainTests(OrleansGrainCluster cluster) : IClassFixture<OrleansGrainCluster>
{
    private IDeviceModelGrain Model(string ns, string name = "thermostat") => cluster.Grains.GetGrain<IDeviceModelGrain>(ns + "/" + name);

    [Fact]
    public async Task Create_persists_the_model_and_a_second_create_conflicts_with_its_etag()
    {
        var created = await Model("create").Create(Fixtures.ThermostatModel);
        Assert.Equal(OperationStatus.Ok, created.Status);
        Assert.Equal("\"1\"", created.ETag);

        var again = await Model("create").Create(Fixtures.ThermostatModel);
        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Equal("\"1\"", again.ETag);

        // Persisted with its read-model rows: the list (SQL) sees it.
        var page = await cluster.Queries.ListAsync(new DeviceModelListQuery { Namespace = "create" }, CancellationToken.None);
        Assert.Equal("thermostat", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_rejected_with_the_current_etag_and_changes_nothing()
    {
        await Fixtures.CreateModelAsync(cluster.Grains, "replace/thermostat");
        var changed = await Model("replace").Replace(Fixtures.ThermostatModel with { Description = "v2" }, "\"1\"");
        Assert.Equal(OperationStatus.Ok, changed.Status);
        Assert.Equal("\"2\"", changed.ETag);

        var stale = await Model("replace").Replace(Fixtures.ThermostatModel with { Description = "v3" }, "\"1\"");
        Assert.Equal(OperationStatus.PreconditionFailed, stale.Status);
        Assert.Equal("\"2\"", stale.ETag);
        Assert.Equal("v2", (await Model("replace").Get()).Value!.Spec.Description);

        Assert.Equal(OperationStatus.BadRequest, (await Model("replace").Replace(Fixtures.ThermostatModel, "not-an-etag")).Status);
        Assert.Equal(OperationStatus.NotFound, (await Model("replace", "missing").Replace(Fixtures.ThermostatModel, null)).Status);
    }

    [Fact]
    public async Task Invalid_specs_fail_validation_naming_the_property()
    {
        var spec = new DeviceModelSpec(null, [Samples.Property("speed", PropertyType.String, min: 1)]);
        var result = await Model("invalid").Create(spec);
        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        Assert.Contains(result.Errors, e => e.Property == "spec.properties[0].minimum");
        Assert.Equal(OperationStatus.NotFound, (await Model("invalid").Get()).Status);
    }

    [Fact]
    public async Task Merge_patch_changes_the_spec_and_refuses_immutable_fields()
    {
        await Fixtures.CreateModelAsync(cluster.Grains, "patch/thermostat");
        var patched = await Model("patch").Patch("""{"spec":{"description":"patched"}}""", "*");
        Assert.Equal(OperationStatus.Ok, patched.Status);
        Assert.Equal("patched", patched.Value!.Spec.Description);
        Assert.Equal(Samples.ThermostatProperties.Count, patched.Value.Spec.Properties.Count);

        var rename = await Model("patch").Patch("""{"name":"other"}""", null);
        Assert.Equal(OperationStatus.ValidationFailed, rename.Status);
        Assert.Equal("name", Assert.Single(rename.Errors).Property);
        Assert.Equal(OperationStatus.BadRequest, (await Model("patch").Patch("{not json", null)).Status);
    }

    [Fact]
    public async Task Users_are_counted_once_and_a_model_with_users_refuses_deletion()
    {
        var model = Model("users");
        await Fixtures.CreateModelAsync(cluster.Grains, "users/thermostat");
        Assert.Equal(1, (await model.AddUser("users/d1")).Value!.Status.DeviceCount);
        Assert.Equal(1, (await model.AddUser("users/d1")).Value!.Status.DeviceCount);

        var refused = await model.Delete(null);
        Assert.Equal(OperationStatus.Conflict, refused.Status);
        Assert.Contains("users/d1", refused.Message!, StringComparison.Ordinal);

        Assert.Equal(0, (await model.RemoveUser("users/d1")).Value!.Status.DeviceCount);
        Assert.Equal(OperationStatus.Ok, (await model.Delete(null)).Status);
        Assert.Equal(OperationStatus.NotFound, (await model.AddUser("users/d2")).Status);
    }
}
