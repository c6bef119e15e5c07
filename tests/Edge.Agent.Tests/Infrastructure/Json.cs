using System.Text;
using System.Text.Json.Nodes;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>JSON assertions on payloads: parse, drop fields that are random by design, compare structurally.</summary>
public static class Json
{
    public static JsonObject Parse(byte[] payload) => JsonNode.Parse(payload)!.AsObject();

    public static JsonObject Parse(string payload) => JsonNode.Parse(payload)!.AsObject();

    /// <summary>Asserts <paramref name="actual"/> equals <paramref name="expected"/> after removing the named top-level fields from the actual.</summary>
    public static void Equal(string expected, byte[] actual, params string[] ignore)
    {
        var node = Parse(actual);
        foreach (var name in ignore)
        {
            Assert.True(node.Remove(name), $"expected field '{name}' in {Encoding.UTF8.GetString(actual)}");
        }

        var want = JsonNode.Parse(expected)!;
        Assert.True(JsonNode.DeepEquals(want, node), $"expected {want.ToJsonString()}\nactual   {node.ToJsonString()}");
    }

    /// <summary>Replaces each <c>&lt;name&gt;</c> in <paramref name="template"/> with its value (JSON templates are brace-heavy for interpolation).</summary>
    public static string Fill(string template, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("<" + name + ">", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
