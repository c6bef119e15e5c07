using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// Reads request bodies with the API's error rules: a body of another media type is 415, text that is not JSON is
/// 400, JSON that does not fit the document (wrong type, unknown field) is 422 naming the field, and a body longer
/// than <see cref="ApiOptions.MaxBodyBytes"/> is 413 before it is buffered.
/// </summary>
internal static class RequestBodies
{
    /// <summary>The media type of plain JSON documents.</summary>
    public const string Json = "application/json";

    /// <summary>The media type of RFC 7396 merge patches, the only one PATCH takes.</summary>
    public const string MergePatch = "application/merge-patch+json";

    private const int ReadChunk = 16 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads a JSON document and binds it to <typeparamref name="T"/> (unknown fields refused).</summary>
    public static async Task<BodyResult<T>> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var text = await ReadTextAsync(request, Json, cancellationToken).ConfigureAwait(false);
        if (text.Problem is not null)
        {
            return new BodyResult<T>(null, text.Problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(text.Value!, CloudJson.Strict);
            return value is null
                ? new BodyResult<T>(null, Problems.Validation("$", "The body must be a JSON object, not null."))
                : new BodyResult<T>(value, null);
        }
        catch (JsonException ex)
        {
            return new BodyResult<T>(null, Problems.Validation(FieldOf(ex), Describe(ex)));
        }
    }

    /// <summary>Reads a JSON document as a tree (for bodies whose members are names chosen by the client).</summary>
    public static async Task<BodyResult<JsonDocument>> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = await ReadTextAsync(request, Json, cancellationToken).ConfigureAwait(false);
        return text.Problem is not null
            ? new BodyResult<JsonDocument>(null, text.Problem)
            : new BodyResult<JsonDocument>(JsonDocument.Parse(text.Value!, DocumentOptions), null);
    }

    /// <summary>Reads a merge patch as checked JSON text.</summary>
    public static Task<BodyResult<string>> ReadMergePatchAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadTextAsync(request, MergePatch, cancellationToken);

    private static async Task<BodyResult<string>> ReadTextAsync(HttpRequest request, string mediaType, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            var what = request.ContentType is null ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return new BodyResult<string>(null, Problems.UnsupportedMediaType($"This request takes '{mediaType}', not {what}."));
        }

        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        var read = await ReadLimitedAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return new BodyResult<string>(null, Problems.ContentTooLarge(limit));
        }

        var text = read;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BodyResult<string>(null, Problems.BadRequest("The request body is empty."));
        }

        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            return new BodyResult<string>(null, Problems.BadRequest("The request body is not valid JSON" + where + "."));
        }

        return new BodyResult<string>(text, null);
    }

    /// <summary>
    /// The body as text, or null when it is longer than <paramref name="limit"/>. A declared length over the limit is
    /// refused without reading a byte; a chunked body is read only until it passes the limit, and the server's own
    /// limit for this request is lowered to match, so no more than <paramref name="limit"/> bytes are ever held.
    /// </summary>
    private static async Task<string?> ReadLimitedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? ReadChunk, 256, limit + 1));
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(ReadChunk), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        var bytes = buffer.WrittenSpan;
        return Encoding.UTF8.GetString(bytes.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes);
    }

    /// <summary>The field a binding error is about, as a dotted path without the leading <c>$.</c>.</summary>
    private static string FieldOf(JsonException ex)
    {
        var path = ex.Path ?? "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        // An unknown member is reported at its parent; the message names the member itself.
        const string Marker = "The JSON property '";
        var start = ex.Message.IndexOf(Marker, StringComparison.Ordinal);
        if (start >= 0)
        {
            var end = ex.Message.IndexOf('\'', start + Marker.Length);
            if (end > start)
            {
                var member = ex.Message[(start + Marker.Length)..end];
                return field == "$" ? member
                    : field == member || field.EndsWith("." + member, StringComparison.Ordinal) ? field
                    : field + "." + member;
            }
        }

        return field;
    }

    private static string Describe(JsonException ex) =>
        ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known field"
            : "has a value of the wrong type or format";
}
