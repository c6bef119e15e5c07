using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class DeviceModelValidatorTests
{
    [Fact]
    public void Sample_model_is_valid() =>
        Assert.Empty(DeviceModelValidator.Validate(Samples.Model().Spec));

    [Theory]
    [InlineData("bad name", PropertyType.Int, AccessMode.ReadWrite, null, null, "spec.properties[0].name")]
    [InlineData("p", (PropertyType)42, AccessMode.ReadWrite, null, null, "spec.properties[0].type")]
    [InlineData("p", PropertyType.Int, (AccessMode)9, null, null, "spec.properties[0].accessMode")]
    [InlineData("p", PropertyType.String, AccessMode.ReadWrite, 0.0, null, "spec.properties[0].minimum")]
    [InlineData("p", PropertyType.Boolean, AccessMode.ReadWrite, null, 1.0, "spec.properties[0].maximum")]
    [InlineData("p", PropertyType.Int, AccessMode.ReadWrite, 10.0, 1.0, "spec.properties[0].minimum")]
    [InlineData("p", PropertyType.Double, AccessMode.ReadWrite, double.NegativeInfinity, null, "spec.properties[0].minimum")]
    [InlineData("p", PropertyType.Double, AccessMode.ReadWrite, null, double.NaN, "spec.properties[0].maximum")]
    public void Broken_property_rules_are_named(string name, PropertyType type, AccessMode access, double? min, double? max, string field)
    {
        var spec = new DeviceModelSpec(null, [new DeviceModelProperty(name, type, access, null, min, max, null)]);

        var errors = DeviceModelValidator.Validate(spec);

        Assert.Contains(errors, e => e.Property == field);
    }

    [Fact]
    public void Duplicate_property_names_are_refused()
    {
        var spec = new DeviceModelSpec(null, [Samples.Property("p", PropertyType.Int), Samples.Property("p", PropertyType.String)]);

        var error = Assert.Single(DeviceModelValidator.Validate(spec));

        Assert.Equal("spec.properties[1].name", error.Property);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_minimum_and_maximum_are_allowed() =>
        Assert.Empty(DeviceModelValidator.Validate(new DeviceModelSpec(null, [Samples.Property("p", PropertyType.Int, min: 3, max: 3)])));

    [Fact]
    public void Long_texts_are_refused()
    {
        var property = new DeviceModelProperty("p", PropertyType.Int, AccessMode.ReadWrite, new string('u', 65), null, null, new string('d', 1025));
        var spec = new DeviceModelSpec(new string('d', 1025), [property]);

        var fields = DeviceModelValidator.Validate(spec).Select(e => e.Property).ToList();

        Assert.Equal(["spec.description", "spec.properties[0].unit", "spec.properties[0].description"], fields);
    }
}
