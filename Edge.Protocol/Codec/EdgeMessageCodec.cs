using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Turns messages into WebSocket text frames and back, with no sockets and no async. A frame holds one envelope object
/// or a JSON array of envelopes (a batch). Reading never throws for bad input: it returns a <see cref="ProtocolError"/>.
/// Thread-safe; one instance per configuration is enough.
/// </summary>
public sealed class EdgeMessageCodec
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Frames never end up inside HTML, so non-ASCII text (°C, names) stays readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly JsonReaderOptions _readerOptions;

    /// <summary>Creates a codec with the given limits (defaults when <c>null</c>).</summary>
    public EdgeMessageCodec(EdgeCodecOptions? options = null)
    {
        Options = options ?? new EdgeCodecOptions();
        Options.Validate();
        _readerOptions = new JsonReaderOptions
        {
            MaxDepth = Options.MaxDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };
    }

    /// <summary>The limits in force.</summary>
    public EdgeCodecOptions Options { get; }

    /// <summary>Writes one message as a single-envelope frame.</summary>
    public void Write(EdgeMessage message, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        EnvelopeWriter.Write(writer, message);
    }

    /// <summary>Returns one message as a single-envelope frame.</summary>
    public byte[] Write(EdgeMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes messages as one batched frame (a JSON array), without checking the limits.</summary>
    public void WriteBatch(IReadOnlyList<EdgeMessage> messages, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            EnvelopeWriter.Write(writer, message);
        }

        writer.WriteEndArray();
    }

    /// <summary>Returns messages as one batched frame (a JSON array), without checking the limits.</summary>
    public byte[] WriteBatch(IReadOnlyList<EdgeMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteBatch(messages, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Packs messages, in order, into as few frames as the limits allow: a frame with one message is a plain envelope,
    /// a frame with several is an array of at most <see cref="EdgeCodecOptions.MaxBatchCount"/> envelopes and at most
    /// <see cref="EdgeCodecOptions.MaxFrameBytes"/> bytes.
    /// </summary>
    /// <exception cref="EdgeProtocolException">One message alone exceeds the frame limit (code 413).</exception>
    public IReadOnlyList<byte[]> WriteFrames(IEnumerable<EdgeMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var frames = new List<byte[]>();
        var pending = new List<byte[]>();
        var pendingBytes = 1; // the opening '['

        foreach (var message in messages)
        {
            var envelope = Write(message);
            if (envelope.Length > Options.MaxFrameBytes)
            {
                throw new EdgeProtocolException(new ProtocolError(
                    ErrorCodes.PayloadTooLarge,
                    $"message of kind '{message.Kind}' is {envelope.Length} bytes, more than the {Options.MaxFrameBytes}-byte frame limit")
                {
                    MessageId = message.Id,
                });
            }

            // Array size if this envelope joins: '[' + envelopes + commas + ']'.
            var grown = pendingBytes + envelope.Length + (pending.Count > 0 ? 1 : 0) + 1;
            if (pending.Count > 0 && (pending.Count == Options.MaxBatchCount || grown > Options.MaxFrameBytes))
            {
                frames.Add(Join(pending));
                pending.Clear();
                pendingBytes = 1;
            }

            pendingBytes += envelope.Length + (pending.Count > 0 ? 1 : 0);
            pending.Add(envelope);
        }

        if (pending.Count > 0)
        {
            frames.Add(Join(pending));
        }

        return frames;
    }

    /// <summary>
    /// Reads a frame: one envelope or an array of envelopes. On success <paramref name="messages"/> holds them in frame
    /// order. On failure nothing is returned (a batch is read whole or not at all) and <paramref name="error"/> says why.
    /// </summary>
    public bool TryRead(
        ReadOnlySpan<byte> frame,
        [NotNullWhen(true)] out IReadOnlyList<EdgeMessage>? messages,
        [NotNullWhen(false)] out ProtocolError? error)
    {
        messages = null;
        if (frame.Length > Options.MaxFrameBytes)
        {
            error = new ProtocolError(
                ErrorCodes.PayloadTooLarge,
                $"frame is {frame.Length} bytes, more than the {Options.MaxFrameBytes}-byte limit");
            return false;
        }

        try
        {
            return TryReadDocument(frame, out messages, out error);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // JsonException: not JSON / too deep / trailing data; the others: invalid UTF-8 inside a string.
            error = new ProtocolError(ErrorCodes.BadRequest, $"frame is not valid JSON: {ex.Message}");
            return false;
        }
    }

    private bool TryReadDocument(
        ReadOnlySpan<byte> frame,
        [NotNullWhen(true)] out IReadOnlyList<EdgeMessage>? messages,
        [NotNullWhen(false)] out ProtocolError? error)
    {
        messages = null;
        var reader = new Utf8JsonReader(frame, _readerOptions);
        using var document = JsonDocument.ParseValue(ref reader);

        // ParseValue stops after one value; reading on makes trailing data ("{} {}") throw like any other bad JSON.
        reader.Read();

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            if (!EnvelopeReader.TryRead(root, index: null, Options.Incoming, out var single, out error))
            {
                return false;
            }

            messages = [single];
            return true;
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            error = new ProtocolError(ErrorCodes.BadRequest, "batch is empty");
            return false;
        }

        if (count > Options.MaxBatchCount)
        {
            error = new ProtocolError(
                ErrorCodes.PayloadTooLarge,
                $"batch holds {count} messages, more than the limit of {Options.MaxBatchCount}");
            return false;
        }

        var batch = new EdgeMessage[count];
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            if (!EnvelopeReader.TryRead(element, index, Options.Incoming, out var message, out error))
            {
                return false;
            }

            batch[index++] = message;
        }

        messages = batch;
        error = null;
        return true;
    }

    private static byte[] Join(List<byte[]> envelopes)
    {
        if (envelopes.Count == 1)
        {
            return envelopes[0];
        }

        var size = 2 + envelopes.Count - 1;
        foreach (var envelope in envelopes)
        {
            size += envelope.Length;
        }

        var frame = new byte[size];
        frame[0] = (byte)'[';
        var offset = 1;
        for (var i = 0; i < envelopes.Count; i++)
        {
            if (i > 0)
            {
                frame[offset++] = (byte)',';
            }

            envelopes[i].CopyTo(frame, offset);
            offset += envelopes[i].Length;
        }

        frame[offset] = (byte)']';
        return frame;
    }
}
