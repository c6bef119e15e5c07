using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// The position after the last row of a page: its sort value (null when sorting by key or when the grain lacks the
/// sort index) and key. Encoded as base64url JSON, with the sort it was made for so that a cursor cannot silently be
/// reused with a different order.
/// </summary>
internal sealed record GrainQueryCursor(string? SortBy, bool Descending, string? SortValue, string Key)
{
    private const string MalformedMessage =
        "The query cursor is malformed; pass the NextCursor of the previous page unchanged.";

    /// <summary>The opaque text form.</summary>
    public string Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + Key.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("s", SortBy);
            writer.WriteBoolean("d", Descending);
            writer.WriteString("v", SortValue);
            writer.WriteString("k", Key);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    /// <summary>Decodes <paramref name="query"/>'s cursor, or returns null when it has none.</summary>
    /// <exception cref="ArgumentException">The cursor is malformed or was made for another sort.</exception>
    public static GrainQueryCursor? Decode(GrainQuery query)
    {
        if (query.Cursor is null)
        {
            return null;
        }

        GrainQueryCursor cursor;
        try
        {
            var bytes = Base64Url.DecodeFromChars(query.Cursor);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            cursor = new GrainQueryCursor(
                OptionalString(root.GetProperty("s")),
                root.GetProperty("d").GetBoolean(),
                OptionalString(root.GetProperty("v")),
                root.GetProperty("k").GetString() ?? throw new FormatException("The cursor has no key."));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException
                                       or KeyNotFoundException)
        {
            throw new ArgumentException(MalformedMessage, nameof(query), ex);
        }

        if (cursor.SortBy is null && cursor.SortValue is not null)
        {
            throw new ArgumentException(MalformedMessage, nameof(query));
        }

        if (!string.Equals(cursor.SortBy, query.SortBy, StringComparison.Ordinal) || cursor.Descending != query.Descending)
        {
            throw new ArgumentException(
                "The query cursor was made for a different sort order; start again without a cursor.", nameof(query));
        }

        return cursor;
    }

    private static string? OptionalString(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : element.GetString();
}
