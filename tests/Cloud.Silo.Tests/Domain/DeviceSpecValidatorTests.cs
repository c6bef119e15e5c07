using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class DeviceSpecValidatorTests
{
    [Fact]
    public void Sample_spec_is_valid() => Assert.Empty(DeviceSpecValidator.Validate(Samples.Spec(), TwinLimits.Default));

    [Fact]
    public void Unbound_device_is_valid() => Assert.Empty(DeviceSpecValidator.Validate(Samples.Spec(node: null), TwinLimits.Default));

    [Theory]
    [InlineData("Thermostat", "edge-1", "modbus", "spec.model")]
    [InlineData("", "edge-1", "modbus", "spec.model")]
    [InlineData("thermostat", "Edge_1", "modbus", "spec.nodeName")]
    [InlineData("thermostat", "edge-1", "", "spec.protocol.name")]
    public void Broken_fields_are_named(string model, string node, string protocol, string field)
    {
        var spec = Samples.Spec() with { Model = model, NodeName = node, Protocol = new ProtocolConfig(protocol, null) };

        var error = Assert.Single(DeviceSpecValidator.Validate(spec, TwinLimits.Default));

        Assert.Equal(field, error.Property);
    }

    [Fact]
    public void Oversized_protocol_config_is_refused()
    {
        var spec = Samples.Spec() with { Protocol = new ProtocolConfig("modbus", "\"" + new string('x', 100) + "\"") };

        var error = Assert.Single(DeviceSpecValidator.Validate(spec, new TwinLimits { MaxDocumentBytes = 50 }));

        Assert.Equal("spec.protocol.config", error.Property);
    }

    [Theory]
    [InlineData("site", "berlin", true)]
    [InlineData("site", "", true)]
    [InlineData("edgehive.io/tier", "gold", true)]
    [InlineData("a_b.c-d", "A_b.c-D", true)]
    [InlineData("bad key", "x", false)]
    [InlineData("-site", "x", false)]
    [InlineData("Bad.Prefix/site", "x", false)]
    [InlineData("/site", "x", false)]
    [InlineData("site", "with space", false)]
    [InlineData("site", "-x", false)]
    public void Labels_follow_kubernetes_syntax(string key, string value, bool valid)
    {
        var errors = DeviceSpecValidator.ValidateLabels(new Dictionary<string, string> { [key] = value }, "labels");

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal("labels." + key, errors[0].Property);
        }
    }

    [Fact]
    public void Label_names_and_values_stop_at_63_characters()
    {
        var ok = new Dictionary<string, string> { [new string('k', 63)] = new string('v', 63) };
        var longKey = new Dictionary<string, string> { [new string('k', 64)] = "v" };
        var longValue = new Dictionary<string, string> { ["k"] = new string('v', 64) };

        Assert.Empty(DeviceSpecValidator.ValidateLabels(ok, "labels"));
        Assert.Single(DeviceSpecValidator.ValidateLabels(longKey, "labels"));
        Assert.Single(DeviceSpecValidator.ValidateLabels(longValue, "labels"));
    }

    [Fact]
    public void Too_many_labels_are_refused()
    {
        var labels = Enumerable.Range(0, 65).ToDictionary(i => "k" + i, _ => "v");

        var error = Assert.Single(DeviceSpecValidator.ValidateLabels(labels, "labels"));

        Assert.Equal("labels", error.Property);
    }
}
