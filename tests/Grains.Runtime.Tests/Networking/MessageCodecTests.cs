using System.Buffers;
using EdgeHive.Grains.Runtime.Messaging;

namespace EdgeHive.Grains.Runtime.Tests.Networking;

public class MessageCodecTests
{
    private const int Max = 4 * 1024 * 1024;

    public static TheoryData<string> Cases => new(SampleMessages.CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_kind_and_field_combination_round_trips(string caseName)
    {
        var message = SampleMessages.Build(caseName);
        var bytes = Encode(message);
        Assert.Equal(MessageCodec.GetFrameLength(message), bytes.Length);

        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(MessageCodec.TryRead(ref buffer, Max, out var decoded));
        Assert.True(buffer.IsEmpty);
        MessageAssert.Equal(message, decoded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Frames_split_over_many_segments_decode(int segmentSize)
    {
        var message = SampleMessages.Build("Request/full");
        var buffer = Segments.Of(Encode(message), segmentSize);
        Assert.True(MessageCodec.TryRead(ref buffer, Max, out var decoded));
        Assert.True(buffer.IsEmpty);
        MessageAssert.Equal(message, decoded);
    }

    [Fact]
    public void A_frame_fed_byte_by_byte_is_read_only_once_complete()
    {
        var message = SampleMessages.Build("Response/unicode");
        var bytes = Encode(message);
        for (var available = 0; available < bytes.Length; available++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, available);
            Assert.False(MessageCodec.TryRead(ref partial, Max, out var none), $"decoded with only {available} of {bytes.Length} bytes");
            Assert.Null(none);
            Assert.Equal(available, partial.Length);
        }

        var whole = Segments.Of(bytes, 1);
        Assert.True(MessageCodec.TryRead(ref whole, Max, out var decoded));
        MessageAssert.Equal(message, decoded);
    }

    [Fact]
    public void Several_frames_in_one_buffer_are_read_in_order_and_a_partial_tail_is_left()
    {
        var messages = new[]
        {
            SampleMessages.Build("Request/full"), SampleMessages.Build("Ping/minimal"), SampleMessages.Build("Response/extremes"),
        };
        var writer = new ArrayBufferWriter<byte>();
        foreach (var message in messages)
        {
            MessageCodec.Write(message, writer);
        }

        var tail = Encode(SampleMessages.Build("OneWay/unicode"))[..10];
        writer.Write(tail);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);

        foreach (var expected in messages)
        {
            Assert.True(MessageCodec.TryRead(ref buffer, Max, out var decoded));
            MessageAssert.Equal(expected, decoded);
        }

        Assert.False(MessageCodec.TryRead(ref buffer, Max, out _));
        Assert.Equal(tail, buffer.ToArray());
    }

    [Fact]
    public void An_oversized_announced_length_throws_from_the_prefix_alone()
    {
        var prefixOnly = new ReadOnlySequence<byte>(new byte[] { 0x00, 0x10, 0x00, 0x01 });
        var ex = Assert.Throws<FrameTooLargeException>(() => MessageCodec.TryRead(ref prefixOnly, 1024 * 1024, out _));
        Assert.Equal(1024 * 1024 + 1, ex.AnnouncedLength);
        Assert.Contains("1,048,577", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_of_exactly_the_limit_is_accepted()
    {
        var message = new Message { Kind = MessageKind.OneWay, Body = new byte[1000] };
        var bytes = Encode(message);
        var limit = bytes.Length - MessageCodec.LengthPrefixSize;
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(MessageCodec.TryRead(ref buffer, limit, out _));

        buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<FrameTooLargeException>(() => MessageCodec.TryRead(ref buffer, limit - 1, out _));
    }

    [Fact]
    public void Repeated_interface_names_and_grain_types_decode_to_one_shared_string()
    {
        var message = SampleMessages.Build("Request/full");
        var first = Decode(Encode(message));
        var second = Decode(Encode(message));
        Assert.Same(first.InterfaceName, second.InterfaceName);
        Assert.Same(first.Target.Type, second.Target.Type);
    }

    [Fact]
    public void Empty_body_decodes_without_allocating_an_array()
    {
        var decoded = Decode(Encode(new Message { Kind = MessageKind.Pong, Id = 5 }));
        Assert.True(decoded.Body.IsEmpty);
        Assert.Equal(5, decoded.Id);
    }

    [Fact]
    public void A_ping_costs_few_bytes()
    {
        // prefix 4 + header length 1 + kind 1 + fields 1 + id 1
        Assert.Equal(8, Encode(new Message { Kind = MessageKind.Ping, Id = 1 }).Length);
    }

    [Fact]
    public void Messages_that_cannot_be_encoded_are_rejected_on_write()
    {
        var writer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => MessageCodec.Write(new Message { Kind = (MessageKind)99 }, writer));
        Assert.Throws<ArgumentException>(() => MessageCodec.Write(new Message { Kind = MessageKind.Request, Target = new GrainId("device", null!) }, writer));
        Assert.Throws<ArgumentException>(() => MessageCodec.Write(new Message { Kind = MessageKind.Request, CallChain = ["a", null!] }, writer));
        Assert.Throws<ArgumentException>(() => MessageCodec.Write(new Message { Kind = MessageKind.Response, Status = (ResponseStatus)77 }, writer));
        Assert.Equal(0, writer.WrittenCount);
    }

    internal static byte[] Encode(Message message)
    {
        var writer = new ArrayBufferWriter<byte>();
        MessageCodec.Write(message, writer);
        return writer.WrittenSpan.ToArray();
    }

    private static Message Decode(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(MessageCodec.TryRead(ref buffer, Max, out var decoded));
        return decoded;
    }
}
