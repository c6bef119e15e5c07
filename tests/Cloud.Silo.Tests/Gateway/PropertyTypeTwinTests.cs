using System.Text.Json;
using CloudPropertyType = EdgeHive.Grains.Cloud.PropertyType;
using EdgePropertyType = EdgeHive.Edge.Protocol.PropertyType;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>Edge.Protocol stays BCL-only for the trimmed agent, so its <c>PropertyType</c> is a twin of the contracts'
/// one rather than a reference to it, and the gateway converts between them by numeric value
/// (<c>DownstreamTranslator</c>). These tests keep the twins from drifting apart.</summary>
public sealed class PropertyTypeTwinTests
{
    [Fact]
    public void Every_member_has_a_twin_with_the_same_name_and_value()
    {
        var cloud = Enum.GetValues<CloudPropertyType>().Select(t => (t.ToString(), (int)t)).ToArray();
        var edge = Enum.GetValues<EdgePropertyType>().Select(t => (t.ToString(), (int)t)).ToArray();

        Assert.Equal(cloud, edge);
    }

    [Fact]
    public void The_gateways_numeric_conversion_keeps_the_wire_name_of_every_member()
    {
        foreach (var type in Enum.GetValues<CloudPropertyType>())
        {
            var converted = (EdgePropertyType)(int)type;
            Assert.True(Enum.IsDefined(converted), $"{type} has no twin");
            Assert.Equal(JsonSerializer.Serialize(type), JsonSerializer.Serialize(converted));
        }
    }
}
