using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class ResourceKeyTests
{
    [Theory]
    [InlineData("default/thermo-1", "default", "thermo-1")]
    [InlineData("a/b", "a", "b")]
    [InlineData("plant-7/line.3.sensor-2", "plant-7", "line.3.sensor-2")]
    [InlineData("0ns/9", "0ns", "9")]
    public void Valid_keys_parse(string text, string ns, string name)
    {
        Assert.True(ResourceKey.TryParse(text, out var key, out var error), error);
        Assert.Equal(new ResourceKey(ns, name), key);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("thermo-1", "namespace/name")]
    [InlineData("a/b/c", "namespace/name")]
    [InlineData("/thermo", "namespace must not be empty")]
    [InlineData("default/", "name must not be empty")]
    [InlineData("Default/thermo", "namespace must consist")]
    [InlineData("my.ns/thermo", "namespace must consist")]
    [InlineData("default/Thermo", "name must consist")]
    [InlineData("default/thermo_1", "name must consist")]
    [InlineData("default/-thermo", "name must consist")]
    [InlineData("default/thermo-", "name must consist")]
    [InlineData("default/a..b", "name must consist")]
    public void Invalid_keys_say_what_is_wrong(string text, string message)
    {
        Assert.False(ResourceKey.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ResourceKey.Parse(text));
    }

    [Fact]
    public void Length_limits_are_63_for_namespace_and_253_for_name()
    {
        var ns63 = new string('n', 63);
        var name253 = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];

        Assert.True(ResourceKey.TryCreate(ns63, "x", out _, out _));
        Assert.False(ResourceKey.TryCreate(ns63 + "n", "x", out _, out var nsError));
        Assert.Contains("at most 63", nsError, StringComparison.Ordinal);
        Assert.True(ResourceKey.TryCreate("default", name253, out _, out var nameError), nameError);
        Assert.False(ResourceKey.TryCreate("default", name253 + "a", out _, out nameError));
        Assert.Contains("at most 253", nameError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edge-1|device|default/thermo-1", "edge-1", ObjectKind.Device, "default/thermo-1")]
    [InlineData("edge-1|devicemodel|default/thermostat", "edge-1", ObjectKind.DeviceModel, "default/thermostat")]
    [InlineData("edge-1|membership|edge-1", "edge-1", ObjectKind.Membership, "edge-1")]
    public void Object_sync_keys_round_trip(string text, string node, ObjectKind kind, string objectKey)
    {
        Assert.True(ObjectSyncKey.TryParse(text, out var key, out var error), error);
        Assert.Equal(new ObjectSyncKey(node, kind, objectKey), key);
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("edge-1|device", "node|kind|objectKey")]
    [InlineData("edge-1|device|default/a|x", "node|kind|objectKey")]
    [InlineData("Edge|device|default/a", "node name")]
    [InlineData("edge-1|pod|default/a", "unknown object kind 'pod'")]
    [InlineData("edge-1|Device|default/a", "unknown object kind")]
    [InlineData("edge-1|device|thermo", "object key")]
    [InlineData("edge-1|membership|default/a", "object key")]
    public void Invalid_object_sync_keys_are_refused(string text, string message)
    {
        Assert.False(ObjectSyncKey.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_names_in_keys_match_the_json_names()
    {
        foreach (var kind in Enum.GetValues<ObjectKind>())
        {
            var json = System.Text.Json.JsonSerializer.Serialize(kind);
            Assert.Equal("\"" + ObjectSyncKey.KindName(kind) + "\"", json);
        }
    }
}
