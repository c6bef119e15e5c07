using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Data type of a device model property; the wire names are KubeEdge's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PropertyType>))]
public enum PropertyType
{
    /// <summary>64-bit integer.</summary>
    [JsonStringEnumMemberName("int")]
    Int,

    /// <summary>32-bit floating point.</summary>
    [JsonStringEnumMemberName("float")]
    Float,

    /// <summary>64-bit floating point.</summary>
    [JsonStringEnumMemberName("double")]
    Double,

    /// <summary>Text.</summary>
    [JsonStringEnumMemberName("string")]
    String,

    /// <summary><c>true</c> / <c>false</c>.</summary>
    [JsonStringEnumMemberName("boolean")]
    Boolean,

    /// <summary>Base64 bytes.</summary>
    [JsonStringEnumMemberName("bytes")]
    Bytes,
}
