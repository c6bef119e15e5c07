using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>How the edge reaches a device: a protocol name (for example <c>modbus</c>, <c>opcua</c>,
/// <c>simulated</c>) and free-form settings for the mapper of that protocol.</summary>
/// <param name="Name">The protocol (mapper) name.</param>
/// <param name="Config">Protocol settings as JSON text, shown in REST as an embedded JSON value; null when none.</param>
public sealed record ProtocolConfig(
    string Name,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Config);
