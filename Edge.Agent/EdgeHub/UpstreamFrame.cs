using System.Buffers;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// Whether an outbox entry can ever be sent: its protocol message, encoded alone with the longest id and sequence a
/// row can get, must fit one cloud frame. Checked where entries are made, so nothing enters the outbox that would
/// stop at the link (a 900 KB MQTT upload is 1.2 MB once base64-encoded). Pure: no I/O.
/// </summary>
public static class UpstreamFrame
{
    /// <summary>The frame limit the check uses: the protocol's default, which the cloud announces unless configured
    /// otherwise (a smaller announced limit is handled by the send loop, which drops what it cannot send).</summary>
    public const int MaxFrameBytes = EdgeCodecOptions.DefaultMaxFrameBytes;

    /// <summary>The encoded size of <paramref name="draft"/>'s message, or null when the draft is not readable.</summary>
    public static int? SizeOf(OutboxDraft draft, EdgeMessageFactory factory)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var longest = new OutboxEntry(long.MaxValue, draft.Kind, draft.CoalesceKey, draft.Payload, long.MaxValue);
        if (OutboxMessageMapper.ToMessage(longest, factory) is not { } message)
        {
            return null;
        }

        var counter = new ArrayBufferWriter<byte>(Math.Max(512, draft.Payload.Length * 2));
        new EdgeMessageCodec().Write(message, counter);
        return counter.WrittenCount;
    }

    /// <summary>Why <paramref name="draft"/> can never be sent, or null when it fits a frame of
    /// <paramref name="maxFrameBytes"/>.</summary>
    public static string? Refusal(OutboxDraft draft, EdgeMessageFactory factory, int maxFrameBytes = MaxFrameBytes)
    {
        var size = SizeOf(draft, factory);
        return size > maxFrameBytes
            ? $"the message would be {size} bytes for the cloud (payloads travel base64-encoded), over its {maxFrameBytes}-byte frame limit"
            : null;
    }
}
