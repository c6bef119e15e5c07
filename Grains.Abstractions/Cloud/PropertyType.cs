using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>The value type of a device model property. Values travel as strings (as in KubeEdge) and are checked
/// against this type. JSON names are KubeEdge's lower-case ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PropertyType>))]
public enum PropertyType
{
    /// <summary>A 64-bit signed integer, for example <c>"-12"</c>.</summary>
    [JsonStringEnumMemberName("int")]
    Int,

    /// <summary>A finite 32-bit floating point number, for example <c>"21.5"</c>.</summary>
    [JsonStringEnumMemberName("float")]
    Float,

    /// <summary>A finite 64-bit floating point number.</summary>
    [JsonStringEnumMemberName("double")]
    Double,

    /// <summary>Any text.</summary>
    [JsonStringEnumMemberName("string")]
    String,

    /// <summary>Exactly <c>"true"</c> or <c>"false"</c>.</summary>
    [JsonStringEnumMemberName("boolean")]
    Boolean,

    /// <summary>Base64-encoded bytes.</summary>
    [JsonStringEnumMemberName("bytes")]
    Bytes,
}
