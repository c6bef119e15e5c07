using System.Buffers;
using System.Buffers.Binary;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

/// <summary>Hand-built frames: prefix (uint32 BE) + header length (varint) + header + body. Header = kind, field
/// bits (varint), id (varint), then fields in bit order.</summary>
public class MessageCodecMalformedFrameTests
{
    [Fact]
    public void A_hand_built_frame_decodes_so_the_layout_used_below_is_right()
    {
        var buffer = new ReadOnlySequence<byte>(Frame([1, 0x02, 5, 3, (byte)'I', (byte)'x', (byte)'y'], [9, 9]));
        Assert.True(MessageCodec.TryRead(ref buffer, 1024, out var message));
        Assert.Equal(MessageKind.Request, message.Kind);
        Assert.Equal(5, message.Id);
        Assert.Equal("Ixy", message.InterfaceName);
        Assert.Equal(new byte[] { 9, 9 }, message.Body.ToArray());
    }

    [Theory]
    [InlineData("kind zero", new byte[] { 0, 0, 0 })]
    [InlineData("kind past the last one", new byte[] { 8, 0, 0 })]
    [InlineData("kind 255", new byte[] { 255, 0, 0 })]
    [InlineData("unknown field bit", new byte[] { 1, 0x80, 0x04, 0 })]
    [InlineData("header ends inside the id", new byte[] { 1, 0, 0x80 })]
    [InlineData("header ends before a present field", new byte[] { 1, 0x01, 0 })]
    [InlineData("target key missing", new byte[] { 1, 0x01, 0, 1, (byte)'t' })]
    [InlineData("string longer than the header", new byte[] { 1, 0x02, 0, 10, (byte)'a' })]
    [InlineData("invalid UTF-8 in an interned string", new byte[] { 1, 0x02, 0, 2, 0xC3, 0x28 })]
    [InlineData("invalid UTF-8 in a plain string", new byte[] { 1, 0x40, 0, 1, 1, 0xFF })]
    [InlineData("lone surrogate encoded as UTF-8", new byte[] { 1, 0x10, 0, 3, 0xED, 0xA0, 0x80 })]
    [InlineData("call chain count beyond the header", new byte[] { 1, 0x40, 0, 50, 0 })]
    [InlineData("id varint longer than 64 bits", new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData("method id varint longer than 32 bits", new byte[] { 1, 0x04, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData("unknown request flag", new byte[] { 2, 0x08, 0, 0x10 })]
    [InlineData("unknown response status", new byte[] { 2, 0x80, 0x02, 0, 9 })]
    [InlineData("trailing bytes in the header", new byte[] { 6, 0, 0, 0x55 })]
    public void Inconsistent_headers_throw_MalformedFrameException(string what, byte[] header)
    {
        var buffer = new ReadOnlySequence<byte>(Frame(header, [1, 2, 3]));
        var ex = Assert.Throws<MalformedFrameException>(() => MessageCodec.TryRead(ref buffer, 1024, out _));
        Assert.False(string.IsNullOrEmpty(ex.Message), what);
    }

    [Theory]
    [InlineData("zero-length frame", new byte[] { 0, 0, 0, 0 })]
    [InlineData("header length beyond the frame", new byte[] { 0, 0, 0, 2, 50, 1 })]
    [InlineData("header length varint not terminated", new byte[] { 0, 0, 0, 2, 0x80, 0x80 })]
    [InlineData("empty header", new byte[] { 0, 0, 0, 1, 0 })]
    public void Inconsistent_frames_throw_MalformedFrameException(string what, byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        var ex = Assert.Throws<MalformedFrameException>(() => MessageCodec.TryRead(ref buffer, 1024, out _));
        Assert.False(string.IsNullOrEmpty(ex.Message), what);
    }

    [Fact]
    public void Malformed_frames_split_over_segments_throw_the_same_way()
    {
        var frame = Frame([1, 0x02, 0, 10, (byte)'a'], []);
        var buffer = Segments.Of(frame, 1);
        Assert.Throws<MalformedFrameException>(() => MessageCodec.TryRead(ref buffer, 1024, out _));
    }

    internal static byte[] Frame(byte[] header, byte[] body)
    {
        var headerLength = new ArrayBufferWriter<byte>();
        var value = (uint)header.Length;
        while (value >= 0x80)
        {
            headerLength.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        headerLength.Write([(byte)value]);
        var frame = new byte[4 + headerLength.WrittenCount + header.Length + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - 4));
        headerLength.WrittenSpan.CopyTo(frame.AsSpan(4));
        header.CopyTo(frame.AsSpan(4 + headerLength.WrittenCount));
        body.CopyTo(frame.AsSpan(4 + headerLength.WrittenCount + header.Length));
        return frame;
    }
}
