using System.Text.Json;

namespace EdgeHive.Edge.Protocol;

/// <summary>Writes one envelope: <c>{"header":{…},"route":{…},"kind":"…","content":{…}}</c>.</summary>
internal static class EnvelopeWriter
{
    public static void Write(Utf8JsonWriter writer, EdgeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = EdgeMessageKinds.Of(message.Content);
        var header = message.Header;
        var route = message.Route;

        writer.WriteStartObject();
        writer.WriteStartObject(EnvelopeFields.Header);
        writer.WriteString(EnvelopeFields.Id, header.Id);
        if (header.ParentId is not null)
        {
            writer.WriteString(EnvelopeFields.ParentId, header.ParentId);
        }

        writer.WriteNumber(EnvelopeFields.Timestamp, header.Timestamp);
        writer.WriteNumber(EnvelopeFields.ResourceVersion, header.ResourceVersion);
        writer.WriteBoolean(EnvelopeFields.Sync, header.Sync);
        writer.WriteEndObject();

        writer.WriteStartObject(EnvelopeFields.Route);
        writer.WriteString(EnvelopeFields.Source, route.Source);
        writer.WriteString(EnvelopeFields.Group, route.Group);
        writer.WriteString(EnvelopeFields.Operation, route.Operation);
        writer.WriteString(EnvelopeFields.Resource, route.Resource);
        writer.WriteEndObject();

        writer.WriteString(EnvelopeFields.Kind, kind.Kind);
        writer.WritePropertyName(EnvelopeFields.Content);
        JsonSerializer.Serialize(writer, message.Content, kind.TypeInfo);
        writer.WriteEndObject();
    }
}
