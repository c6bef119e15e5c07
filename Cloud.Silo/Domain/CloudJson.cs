using System.Text.Json;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The JSON settings of the cloud's documents: System.Text.Json's web defaults (camelCase, case-insensitive
/// reading), the same the runtime uses between silos, so a REST document and a grain argument look alike.</summary>
internal static class CloudJson
{
    /// <summary>Web defaults; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(strict: false);

    /// <summary>Web defaults that refuse members the target type does not have, for client-written documents where a
    /// misspelt field should be an error rather than silently dropped.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateOptions(strict: true);

    private static JsonSerializerOptions CreateOptions(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        if (strict)
        {
            options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
