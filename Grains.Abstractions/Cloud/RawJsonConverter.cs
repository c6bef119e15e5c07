using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// Keeps a free-form JSON value (a protocol config, a message body) as its compact JSON text in a <see cref="string"/>
/// property, and writes it back as embedded JSON rather than as a quoted string. A string keeps records immutable and
/// comparable, where a JsonElement or JsonNode would not, and the REST shape still shows a plain JSON object.
/// </summary>
internal sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        // Re-serialising the element drops insignificant whitespace, so equal JSON gives equal strings.
        return JsonSerializer.Serialize(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // Validates the text: a string that is not JSON fails here instead of producing a corrupt document.
        writer.WriteRawValue(value, skipInputValidation: false);
    }
}
