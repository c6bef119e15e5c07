using System.Buffers;
using EdgeHive.Edge.Mqtt.Formatter;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Tests.Formatter;

public sealed class MalformedInputTests
{
    public static TheoryData<string, byte[]> Malformed() => new()
    {
        { "remaining length of 5 bytes", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { "reserved packet type 0", [0x00, 0x00] },
        { "reserved packet type 15", [0xF0, 0x00] },
        { "PUBACK with flags", [0x41, 0x02, 0x00, 0x01] },
        { "SUBSCRIBE without its fixed flags", [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00] },
        { "PUBREL without its fixed flags", [0x60, 0x02, 0x00, 0x01] },
        { "PUBLISH QoS 3", [0x36, 0x05, 0x00, 0x01, 0x74, 0x00, 0x01] },
        { "PUBLISH QoS 0 with DUP", [0x38, 0x03, 0x00, 0x01, 0x74] },
        { "invalid UTF-8 topic", [0x30, 0x03, 0x00, 0x01, 0xFF] },
        { "overlong UTF-8 topic", [0x30, 0x04, 0x00, 0x02, 0xC0, 0xAF] },
        { "NUL in topic", [0x30, 0x03, 0x00, 0x01, 0x00] },
        { "+ in PUBLISH topic", [0x30, 0x05, 0x00, 0x03, 0x61, 0x2F, 0x2B] },
        { "# in PUBLISH topic", [0x30, 0x03, 0x00, 0x01, 0x23] },
        { "empty PUBLISH topic", [0x30, 0x02, 0x00, 0x00] },
        { "PUBLISH QoS 1 with packet id 0", [0x32, 0x05, 0x00, 0x01, 0x74, 0x00, 0x00] },
        { "string longer than the packet", [0x30, 0x03, 0x00, 0x05, 0x61] },
        { "PUBACK too long", [0x40, 0x03, 0x00, 0x01, 0x00] },
        { "PUBACK too short", [0x40, 0x01, 0x00] },
        { "PUBACK with id 0", [0x40, 0x02, 0x00, 0x00] },
        { "PINGREQ with a body", [0xC0, 0x01, 0x00] },
        { "SUBSCRIBE without filters", [0x82, 0x02, 0x00, 0x01] },
        { "SUBSCRIBE with QoS 3", [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x03] },
        { "SUBSCRIBE with # not last", [0x82, 0x0A, 0x00, 0x01, 0x00, 0x05, 0x61, 0x2F, 0x23, 0x2F, 0x62, 0x00] },
        { "SUBSCRIBE with a+ level", [0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 0x61, 0x2B, 0x00] },
        { "UNSUBSCRIBE without filters", [0xA2, 0x02, 0x00, 0x01] },
        { "SUBACK with reserved code", [0x90, 0x03, 0x00, 0x01, 0x03] },
        { "CONNACK with reserved flags", [0x20, 0x02, 0x02, 0x00] },
        { "CONNACK with reserved code", [0x20, 0x02, 0x00, 0x06] },
        { "CONNECT with unknown protocol", [0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54 - 1, 0x04, 0x02, 0x00, 0x3C, 0x00, 0x01, 0x63] },
        { "CONNECT with reserved flag", [0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x03, 0x00, 0x3C, 0x00, 0x01, 0x63] },
        { "CONNECT password without user", [0x10, 0x10, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x42, 0x00, 0x3C, 0x00, 0x01, 0x63, 0x00, 0x01, 0x70] },
        { "CONNECT will QoS without will", [0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x0A, 0x00, 0x3C, 0x00, 0x01, 0x63] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_rejected(string what, byte[] bytes)
    {
        var formatter = new MqttPacketFormatter();
        var sequence = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<MqttProtocolException>(() => formatter.TryRead(ref sequence, out _));

        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    [Fact]
    public void A_well_formed_connect_built_like_the_malformed_ones_is_accepted()
    {
        // Guards the table above: the same bytes with valid flags decode, so each row fails for its stated reason.
        byte[] bytes = [0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3C, 0x00, 0x01, 0x63];

        var connect = Assert.IsType<ConnectPacket>(CodecRoundTripTests.DecodeOne(bytes));

        Assert.Equal("c", connect.ClientId);
        Assert.Equal(60, connect.KeepAliveSeconds);
    }

    [Fact]
    public void An_oversize_packet_is_rejected_from_its_header_before_the_body_arrives()
    {
        var formatter = new MqttPacketFormatter(maxPacketSize: 100);
        // PUBLISH announcing 1000 bytes; only the fixed header has arrived.
        var sequence = new ReadOnlySequence<byte>([0x30, 0xE8, 0x07]);

        var error = Assert.Throws<MqttProtocolException>(() => formatter.TryRead(ref sequence, out _));

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_packet_exactly_at_the_size_limit_is_accepted()
    {
        var packet = new PublishPacket { Topic = "t", Payload = new byte[95] };
        var bytes = CodecRoundTripTests.Encode(packet);
        Assert.Equal(100, bytes.Length);

        var decoded = CodecRoundTripTests.DecodeOne(bytes, new MqttPacketFormatter(maxPacketSize: 100));

        Assert.IsType<PublishPacket>(decoded);
    }

    [Fact]
    public void An_incomplete_remaining_length_waits_for_more_bytes()
    {
        var formatter = new MqttPacketFormatter();
        var sequence = new ReadOnlySequence<byte>([0x30, 0x80, 0x80]);

        Assert.False(formatter.TryRead(ref sequence, out _));
        Assert.Equal(3, sequence.Length);
    }
}
