using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// JSON merge patch, RFC 7396: an object patch merges member by member (recursively), a <c>null</c> member removes
/// the target's member, and anything else — arrays included — replaces the target. Inputs are never modified.
/// </summary>
internal static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result as a new tree.
    /// A null node stands for JSON <c>null</c>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                // Apply returns a fresh tree, so the replaced node can stay attached while it is read; replacing
                // through the indexer keeps the member's position.
                result.TryGetPropertyValue(name, out var existing);
                result[name] = Apply(existing, value);
            }
        }

        return result;
    }

    /// <summary>Applies a patch given as JSON text to a target given as JSON text; returns compact JSON text.</summary>
    /// <exception cref="JsonException">Either text is not JSON.</exception>
    public static string Apply(string targetJson, string patchJson)
    {
        var result = Apply(Parse(targetJson), Parse(patchJson));
        return result?.ToJsonString() ?? "null";
    }

    /// <summary>Parses JSON text, allowing the literal <c>null</c> (which yields a null node).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonNode? Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
}
