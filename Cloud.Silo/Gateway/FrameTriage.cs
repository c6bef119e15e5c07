using System.Text.Json;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// A second look at a frame the codec refused. The codec reads a batch whole or not at all and counts an unknown kind
/// as malformed; the gateway is more forgiving there: a newer agent may send kinds this silo does not know yet, and
/// such a message gets an error while the connection (and the rest of the batch) carries on. Anything else that is
/// wrong still makes the frame malformed. Pure: bytes in, entries out.
/// </summary>
internal static class FrameTriage
{
    /// <summary>Splits <paramref name="frame"/> into readable messages and unknown-kind messages, in frame order.</summary>
    /// <returns>False when some envelope is malformed for another reason (the frame stays refused).</returns>
    public static bool TrySplitUnknownKinds(ReadOnlySpan<byte> frame, EdgeMessageCodec codec, out IReadOnlyList<FrameEntry> entries)
    {
        entries = [];
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = codec.Options.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            var elements = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            var result = new List<FrameEntry>(elements.Length);
            var unknownSeen = false;
            foreach (var element in elements)
            {
                if (TryUnknownKind(element, out var id, out var kind))
                {
                    result.Add(new FrameEntry(null, id, kind));
                    unknownSeen = true;
                    continue;
                }

                var bytes = JsonSerializer.SerializeToUtf8Bytes(element);
                if (!codec.TryRead(bytes, out var messages, out _) || messages.Count != 1)
                {
                    return false;
                }

                result.Add(new FrameEntry(messages[0], null, null));
            }

            entries = result;
            return unknownSeen;
        }
    }

    private static bool TryUnknownKind(JsonElement element, out string? id, out string? kind)
    {
        id = null;
        kind = null;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("header", out var header) || header.ValueKind != JsonValueKind.Object
            || !header.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        kind = kindElement.GetString();
        id = idElement.GetString();
        return !string.IsNullOrEmpty(id) && kind is not null && !EdgeMessageKinds.TryGet(kind, out _);
    }
}
