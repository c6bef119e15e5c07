using System.Text.Json.Serialization;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>A stored grain state row as the grain state endpoint shows it; <paramref name="State"/> is embedded as
/// the JSON it is stored as.</summary>
internal sealed record GrainStateView(
    string Type,
    string Key,
    long Version,
    DateTimeOffset UpdatedAt,
    [property: JsonConverter(typeof(EmbeddedJsonConverter))] string State);
