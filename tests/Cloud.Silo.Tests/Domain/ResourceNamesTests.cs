using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class ResourceNamesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("edge-1", true)]
    [InlineData("1edge", true)]
    [InlineData("edge.1", false)]
    [InlineData("Edge", false)]
    [InlineData("edge-", false)]
    [InlineData("-edge", false)]
    [InlineData("ed_ge", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Dns1123_label(string? value, bool valid) => Assert.Equal(valid, ResourceNames.CheckLabel(value) is null);

    [Theory]
    [InlineData("edge-1", true)]
    [InlineData("edge.eu-west.1", true)]
    [InlineData("a.b", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a.-b", false)]
    [InlineData("A.b", false)]
    public void Dns1123_subdomain(string value, bool valid) => Assert.Equal(valid, ResourceNames.CheckSubdomain(value) is null);

    [Theory]
    [InlineData("temperature", true)]
    [InlineData("a-_.,:/@#", true)]
    [InlineData("Temp1", true)]
    [InlineData("with space", false)]
    [InlineData("tab\t", false)]
    [InlineData("ünïcode", false)]
    [InlineData("semi;colon", false)]
    public void Kubeedge_property_name(string value, bool valid) => Assert.Equal(valid, ResourceNames.CheckPropertyName(value) is null);
}
