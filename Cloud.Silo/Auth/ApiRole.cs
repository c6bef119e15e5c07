using System.Text.Json.Serialization;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>What an API token may do. Roles are ordered: each includes the rights of the ones below it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiRole>))]
public enum ApiRole
{
    /// <summary>Reads everything except secrets, the cluster internals and raw grain state.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer = 1,

    /// <summary>Also writes devices, device models, twins and node labels.</summary>
    [JsonStringEnumMemberName("editor")]
    Editor = 2,

    /// <summary>Also manages tokens, deletes nodes, reads silos and raw grain state.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin = 3,
}
