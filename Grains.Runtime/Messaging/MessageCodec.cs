using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Turns a <see cref="Message"/> into one frame and back. Pure: no I/O, no async, no clock, so every case is testable
/// with byte arrays. Wire format (all lengths in bytes):
/// <code>
/// frame   = length:uint32 big-endian   (bytes that follow, 1..maxFrameSize)
///           headerLength:varint
///           header                     (exactly headerLength bytes)
///           body                       (the rest of the frame)
/// header  = kind:byte  fields:varint (HeaderFields bits)  id:varint (two's complement bits of the long)
///           then each present field in HeaderFields bit order
/// </code>
/// The explicit header length lets the decoder find the body without trusting field contents, and makes left-over
/// header bytes detectable.
/// </summary>
internal static class MessageCodec
{
    /// <summary>Size of the length prefix in front of every frame.</summary>
    public const int LengthPrefixSize = 4;

    /// <summary>Writes one complete frame (prefix, header, body) for <paramref name="message"/>.</summary>
    public static void Write(Message message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var frameLength = CheckedFrameLength(message);
        var written = Write(message, output.GetSpan(frameLength));
        output.Advance(written);
    }

    /// <summary>Writes one complete frame into <paramref name="destination"/>, which must hold
    /// <see cref="GetFrameLength"/> bytes; returns the bytes written.</summary>
    public static int Write(Message message, Span<byte> destination)
    {
        var fields = MessageHeader.PresentFields(message);
        var headerLength = MessageHeader.Length(message, fields);
        var frameLength = CheckedFrameLength(message, headerLength);
        if (destination.Length < frameLength)
        {
            throw new ArgumentException($"The frame needs {frameLength} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(frameLength - LengthPrefixSize));
        var writer = new HeaderWriter(destination[LengthPrefixSize..]);
        writer.WriteVarint((uint)headerLength);
        var headerStart = writer.Position;
        MessageHeader.Write(ref writer, message, fields);
        System.Diagnostics.Debug.Assert(writer.Position - headerStart == headerLength, "header size and content disagree");
        message.Body.Span.CopyTo(destination[(LengthPrefixSize + writer.Position)..]);
        return frameLength;
    }

    /// <summary>Total bytes <see cref="Write(Message, Span{byte})"/> produces, prefix included. A long, so that callers
    /// can compare a huge body against their limit without overflow.</summary>
    public static long GetFrameLength(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var fields = MessageHeader.PresentFields(message);
        var headerLength = MessageHeader.Length(message, fields);
        return (long)LengthPrefixSize + HeaderWriter.VarintSize((uint)headerLength) + headerLength + message.Body.Length;
    }

    /// <summary>
    /// Decodes the first frame of <paramref name="buffer"/> and slices it off. Returns false, leaving the buffer as it
    /// was, when the frame is not complete yet.
    /// </summary>
    /// <exception cref="FrameTooLargeException">The prefix announces more than <paramref name="maxFrameSize"/> bytes
    /// (thrown as soon as the prefix is readable, before the frame is buffered).</exception>
    /// <exception cref="MalformedFrameException">The frame is complete but inconsistent.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameSize, [NotNullWhen(true)] out Message? message)
    {
        message = null;
        if (buffer.Length < LengthPrefixSize)
        {
            return false;
        }

        uint announced;
        if (buffer.FirstSpan.Length >= LengthPrefixSize)
        {
            announced = BinaryPrimitives.ReadUInt32BigEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[LengthPrefixSize];
            buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
            announced = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        }

        if (announced > (uint)Math.Max(maxFrameSize, 0))
        {
            throw new FrameTooLargeException(announced, maxFrameSize);
        }

        if (announced == 0)
        {
            throw new MalformedFrameException("Frame length is zero.");
        }

        if (buffer.Length - LengthPrefixSize < announced)
        {
            return false;
        }

        var frame = buffer.Slice(LengthPrefixSize, announced);
        message = Decode(frame);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private static Message Decode(ReadOnlySequence<byte> frame)
    {
        // A 32-bit varint takes at most 5 bytes; copy them so the length can be read whatever the segment layout.
        Span<byte> lengthBytes = stackalloc byte[5];
        var available = (int)Math.Min(lengthBytes.Length, frame.Length);
        frame.Slice(0, available).CopyTo(lengthBytes);
        var lengthReader = new HeaderReader(lengthBytes[..available]);
        var headerLength = lengthReader.ReadVarint32();
        if (headerLength > frame.Length - lengthReader.Position)
        {
            throw new MalformedFrameException(
                $"Header length {headerLength} exceeds the {frame.Length - lengthReader.Position} bytes left in the frame.");
        }

        var header = frame.Slice(lengthReader.Position, headerLength);
        Message message;
        if (header.IsSingleSegment)
        {
            message = MessageHeader.Read(header.FirstSpan);
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent((int)headerLength);
            try
            {
                header.CopyTo(rented);
                message = MessageHeader.Read(rented.AsSpan(0, (int)headerLength));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        var body = frame.Slice(header.End);
        // The one copy of the body: the pipe's buffers are reused as soon as the reader advances.
        message.Body = body.IsEmpty ? ReadOnlyMemory<byte>.Empty : body.ToArray();
        return message;
    }

    private static int CheckedFrameLength(Message message)
    {
        var fields = MessageHeader.PresentFields(message);
        return CheckedFrameLength(message, MessageHeader.Length(message, fields));
    }

    private static int CheckedFrameLength(Message message, int headerLength)
    {
        var length = (long)LengthPrefixSize + HeaderWriter.VarintSize((uint)headerLength) + headerLength + message.Body.Length;
        if (length > int.MaxValue)
        {
            throw new ArgumentException($"Message {message} needs {length} bytes, more than one frame can hold.", nameof(message));
        }

        return (int)length;
    }
}
