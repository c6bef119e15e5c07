using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class ResourcePatcherTests
{
    [Fact]
    public void Desired_values_merge_and_null_removes()
    {
        var result = ResourcePatcher.PatchDevice(Samples.Device(), """{"spec":{"desired":{"setpoint":"22","power":null,"label":"hall"}}}""");

        Assert.True(result.IsOk, result.Message);
        Assert.Equal(new Dictionary<string, string> { ["setpoint"] = "22", ["label"] = "hall" }, result.Value!.Desired);
        Assert.Equal("thermostat", result.Value.Model);
    }

    [Fact]
    public void Labels_merge_and_node_can_be_unbound()
    {
        var result = ResourcePatcher.PatchDevice(Samples.Device(), """{"spec":{"labels":{"site":null,"floor":"2"},"nodeName":null}}""");

        Assert.True(result.IsOk, result.Message);
        Assert.Null(result.Value!.NodeName);
        Assert.Equal(new Dictionary<string, string> { ["edgehive.io/tier"] = "gold", ["floor"] = "2" }, result.Value.Labels);
    }

    [Fact]
    public void Protocol_config_merges_as_json()
    {
        var result = ResourcePatcher.PatchDevice(Samples.Device(), """{"spec":{"protocol":{"config":{"slaveId":2}}}}""");

        Assert.True(result.IsOk, result.Message);
        Assert.Equal("""{"slaveId":2,"registers":[{"name":"setpoint","offset":40001}]}""", result.Value!.Protocol!.Config);
    }

    [Fact]
    public void Model_properties_array_is_replaced_whole()
    {
        var result = ResourcePatcher.PatchDeviceModel(Samples.Model(), """{"spec":{"properties":[{"name":"x","type":"int","accessMode":"ReadOnly"}]}}""");

        Assert.True(result.IsOk, result.Message);
        var property = Assert.Single(result.Value!.Properties);
        Assert.Equal(new DeviceModelProperty("x", PropertyType.Int, AccessMode.ReadOnly, null, null, null, null), property);
        Assert.Equal("A thermostat", result.Value.Description);
    }

    [Theory]
    [InlineData("""{"name":"other"}""", "name", "immutable")]
    [InlineData("""{"namespace":"prod"}""", "namespace", "immutable")]
    [InlineData("""{"status":{"state":"offline"}}""", "status", "cloud and the edge")]
    [InlineData("""{"status":null}""", "status", "cloud and the edge")]
    [InlineData("""{"resourceVersion":99}""", "resourceVersion", "maintained by the server")]
    [InlineData("""{"etag":"\"99\""}""", "etag", "maintained by the server")]
    [InlineData("""{"createdAt":null}""", "createdAt", "maintained by the server")]
    [InlineData("""{"color":"red"}""", "color", "not a field of a device")]
    public void Fields_outside_spec_cannot_be_patched(string patch, string field, string reason)
    {
        var result = ResourcePatcher.PatchDevice(Samples.Device(), patch);

        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Property);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sending_back_unchanged_server_fields_is_allowed()
    {
        var device = Samples.Device();
        var patch = """{"name":"thermo-1","resourceVersion":6,"etag":"\"6\"","spec":{"nodeName":"edge-2"}}""";

        var result = ResourcePatcher.PatchDevice(device, patch);

        Assert.True(result.IsOk, result.Message);
        Assert.Equal("edge-2", result.Value!.NodeName);
    }

    [Theory]
    [InlineData("{\"spec\":")]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("")]
    public void Malformed_or_non_object_patch_is_a_bad_request(string patch) =>
        Assert.Equal(OperationStatus.BadRequest, ResourcePatcher.PatchDevice(Samples.Device(), patch).Status);

    [Theory]
    [InlineData("""{"spec":null}""", "spec")]
    [InlineData("""{"spec":{"labels":{"a":1}}}""", "spec.labels.a")]
    [InlineData("""{"spec":{"desired":[1]}}""", "spec.desired")]
    [InlineData("""{"spec":{"colour":"red"}}""", "spec.colour")]
    public void Wrong_spec_shape_is_a_validation_error(string patch, string field)
    {
        var result = ResourcePatcher.PatchDevice(Samples.Device(), patch);

        Assert.Equal(OperationStatus.ValidationFailed, result.Status);
        Assert.Equal(field, Assert.Single(result.Errors).Property);
    }

    [Fact]
    public void Model_status_cannot_be_patched()
    {
        var result = ResourcePatcher.PatchDeviceModel(Samples.Model(), """{"status":{"deviceCount":0}}""");

        Assert.Equal("status", Assert.Single(result.Errors).Property);
    }
}
