using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Writes a string that holds JSON text as embedded JSON (read back as compact text).</summary>
internal sealed class EmbeddedJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value, skipInputValidation: false);
}
