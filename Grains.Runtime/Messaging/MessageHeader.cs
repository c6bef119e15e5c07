using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// The header part of <see cref="MessageCodec"/>: which optional fields are present, how long the header is, and
/// reading and writing it. Fields are written in <see cref="HeaderFields"/> bit order and only when not default.
/// </summary>
internal static class MessageHeader
{
    private const RequestFlags KnownFlags = RequestFlags.OneWay | RequestFlags.AlwaysInterleave | RequestFlags.ReadOnly;

    /// <summary>Decodes a complete header (without its length prefix) into a message without body.</summary>
    public static Message Read(ReadOnlySpan<byte> header)
    {
        var reader = new HeaderReader(header);
        var kind = (MessageKind)reader.ReadByte();
        if (kind is < MessageKind.Request or > MessageKind.MembershipChanged)
        {
            throw new MalformedFrameException($"Unknown message kind {(byte)kind}.");
        }

        var fields = (HeaderFields)reader.ReadVarint32();
        if ((fields & ~HeaderFields.All) != 0)
        {
            throw new MalformedFrameException($"Unknown header field bits 0x{(uint)(fields & ~HeaderFields.All):X}.");
        }

        var message = new Message { Kind = kind, Id = (long)reader.ReadVarint64() };
        if ((fields & HeaderFields.Target) != 0)
        {
            var type = reader.ReadString(InternedStringCache.Shared);
            message.Target = new GrainId(type, reader.ReadString(cache: null));
        }

        if ((fields & HeaderFields.InterfaceName) != 0)
        {
            message.InterfaceName = reader.ReadString(InternedStringCache.Shared);
        }

        if ((fields & HeaderFields.MethodId) != 0)
        {
            message.MethodId = reader.ReadZigZag32();
        }

        if ((fields & HeaderFields.Flags) != 0)
        {
            var flags = (RequestFlags)reader.ReadVarint32();
            if ((flags & ~KnownFlags) != 0)
            {
                throw new MalformedFrameException($"Unknown request flags 0x{(int)flags:X}.");
            }

            message.Flags = flags;
        }

        if ((fields & HeaderFields.TargetActivation) != 0)
        {
            message.TargetActivation = reader.ReadString(InternedStringCache.Shared);
        }

        if ((fields & HeaderFields.TimeoutMs) != 0)
        {
            message.TimeoutMs = reader.ReadZigZag32();
        }

        if ((fields & HeaderFields.CallChain) != 0)
        {
            var chain = new string[reader.ReadCount()];
            for (var i = 0; i < chain.Length; i++)
            {
                chain[i] = reader.ReadString(cache: null);
            }

            message.CallChain = chain;
        }

        if ((fields & HeaderFields.ForwardCount) != 0)
        {
            message.ForwardCount = reader.ReadZigZag32();
        }

        if ((fields & HeaderFields.Status) != 0)
        {
            var status = (ResponseStatus)reader.ReadByte();
            if (status > ResponseStatus.Rejected)
            {
                throw new MalformedFrameException($"Unknown response status {(byte)status}.");
            }

            message.Status = status;
        }

        if (reader.Remaining != 0)
        {
            throw new MalformedFrameException($"{reader.Remaining} unread bytes at the end of the header.");
        }

        return message;
    }

    /// <summary>Writes the header for the <paramref name="fields"/> present in <paramref name="message"/>.</summary>
    public static void Write(ref HeaderWriter writer, Message message, HeaderFields fields)
    {
        writer.WriteByte((byte)message.Kind);
        writer.WriteVarint((uint)fields);
        writer.WriteVarint((ulong)message.Id);
        if ((fields & HeaderFields.Target) != 0)
        {
            writer.WriteString(message.Target.Type);
            writer.WriteString(message.Target.Key);
        }

        if ((fields & HeaderFields.InterfaceName) != 0)
        {
            writer.WriteString(message.InterfaceName!);
        }

        if ((fields & HeaderFields.MethodId) != 0)
        {
            writer.WriteZigZag(message.MethodId);
        }

        if ((fields & HeaderFields.Flags) != 0)
        {
            writer.WriteVarint((uint)message.Flags);
        }

        if ((fields & HeaderFields.TargetActivation) != 0)
        {
            writer.WriteString(message.TargetActivation!);
        }

        if ((fields & HeaderFields.TimeoutMs) != 0)
        {
            writer.WriteZigZag(message.TimeoutMs);
        }

        if ((fields & HeaderFields.CallChain) != 0)
        {
            writer.WriteVarint((uint)message.CallChain!.Count);
            foreach (var entry in message.CallChain)
            {
                writer.WriteString(entry);
            }
        }

        if ((fields & HeaderFields.ForwardCount) != 0)
        {
            writer.WriteZigZag(message.ForwardCount);
        }

        if ((fields & HeaderFields.Status) != 0)
        {
            writer.WriteByte((byte)message.Status);
        }
    }

    /// <summary>Exact size of the header <see cref="Write"/> produces.</summary>
    public static int Length(Message message, HeaderFields fields)
    {
        var length = 1 + HeaderWriter.VarintSize((uint)fields) + HeaderWriter.VarintSize((ulong)message.Id);
        if ((fields & HeaderFields.Target) != 0)
        {
            length += HeaderWriter.StringSize(message.Target.Type) + HeaderWriter.StringSize(message.Target.Key);
        }

        length += (fields & HeaderFields.InterfaceName) != 0 ? HeaderWriter.StringSize(message.InterfaceName!) : 0;
        length += (fields & HeaderFields.MethodId) != 0 ? HeaderWriter.ZigZagSize(message.MethodId) : 0;
        length += (fields & HeaderFields.Flags) != 0 ? HeaderWriter.VarintSize((uint)message.Flags) : 0;
        length += (fields & HeaderFields.TargetActivation) != 0 ? HeaderWriter.StringSize(message.TargetActivation!) : 0;
        length += (fields & HeaderFields.TimeoutMs) != 0 ? HeaderWriter.ZigZagSize(message.TimeoutMs) : 0;
        if ((fields & HeaderFields.CallChain) != 0)
        {
            length += HeaderWriter.VarintSize((uint)message.CallChain!.Count);
            foreach (var entry in message.CallChain)
            {
                length += HeaderWriter.StringSize(entry);
            }
        }

        length += (fields & HeaderFields.ForwardCount) != 0 ? HeaderWriter.ZigZagSize(message.ForwardCount) : 0;
        length += (fields & HeaderFields.Status) != 0 ? 1 : 0;
        return length;
    }

    /// <summary>Which optional fields <paramref name="message"/> carries; rejects messages that cannot be encoded.</summary>
    public static HeaderFields PresentFields(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(message.Kind))
        {
            throw new ArgumentException($"Message kind {(int)message.Kind} cannot be encoded.", nameof(message));
        }

        if (!message.Target.IsDefault && message.Target.Key is null)
        {
            throw new ArgumentException($"Target grain of type '{message.Target.Type}' has no key.", nameof(message));
        }

        if ((message.Flags & ~KnownFlags) != 0 || !Enum.IsDefined(message.Status))
        {
            throw new ArgumentException($"Message {message} has flags or a status this codec does not know.", nameof(message));
        }

        if (message.CallChain is { } chain && chain.Any(entry => entry is null))
        {
            throw new ArgumentException("Call chain contains a null entry.", nameof(message));
        }

        var fields = HeaderFields.None;
        fields |= message.Target.IsDefault ? 0 : HeaderFields.Target;
        fields |= message.InterfaceName is null ? 0 : HeaderFields.InterfaceName;
        fields |= message.MethodId == 0 ? 0 : HeaderFields.MethodId;
        fields |= message.Flags == RequestFlags.None ? 0 : HeaderFields.Flags;
        fields |= message.TargetActivation is null ? 0 : HeaderFields.TargetActivation;
        fields |= message.TimeoutMs == 0 ? 0 : HeaderFields.TimeoutMs;
        fields |= message.CallChain is null ? 0 : HeaderFields.CallChain;
        fields |= message.ForwardCount == 0 ? 0 : HeaderFields.ForwardCount;
        fields |= message.Status == ResponseStatus.Ok ? 0 : HeaderFields.Status;
        return fields;
    }
}
