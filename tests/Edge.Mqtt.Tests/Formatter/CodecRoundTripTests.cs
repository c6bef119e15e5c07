using System.Buffers;
using System.Text;
using EdgeHive.Edge.Mqtt.Formatter;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Tests.Formatter;

public sealed class CodecRoundTripTests
{
    private static readonly MqttPacketFormatter Formatter = new();

    internal static byte[] Encode(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Formatter.Write(packet, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static MqttPacket DecodeOne(byte[] bytes, MqttPacketFormatter? formatter = null)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.True((formatter ?? Formatter).TryRead(ref sequence, out var packet));
        Assert.True(sequence.IsEmpty, "the reader consumed exactly one packet");
        return packet!;
    }

    public static TheoryData<string> PacketNames() =>
        [.. AllPackets().Keys];

    private static Dictionary<string, MqttPacket> AllPackets() => new()
    {
        ["connect-minimal"] = new ConnectPacket { ClientId = "dev-1" },
        ["connect-full"] = new ConnectPacket
        {
            ClientId = "mapper-ä",
            CleanSession = false,
            KeepAliveSeconds = 60,
            UserName = "user",
            Password = Encoding.UTF8.GetBytes("secret"),
            Will = new MqttApplicationMessage("$hw/events/device/dev/state/update", Encoding.UTF8.GetBytes("offline"), MqttQualityOfService.AtLeastOnce, true),
        },
        ["connect-3.1"] = new ConnectPacket { ProtocolName = "MQIsdp", ProtocolLevel = 3, ClientId = "old" },
        ["connack"] = new ConnAckPacket(true, MqttConnectReturnCode.Accepted),
        ["connack-refused"] = new ConnAckPacket(false, MqttConnectReturnCode.NotAuthorized),
        ["publish-qos0"] = new PublishPacket { Topic = "a/b", Payload = new byte[] { 1, 2, 3 } },
        ["publish-qos1-dup-retain"] = new PublishPacket
        {
            Topic = "$hw/events/device/ns/dev/twin/update",
            Payload = Encoding.UTF8.GetBytes("{\"event_id\":\"\"}"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 65535,
            Dup = true,
            Retain = true,
        },
        ["publish-qos2-empty"] = new PublishPacket { Topic = "t", QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 7 },
        ["puback"] = new PubAckPacket(1),
        ["pubrec"] = new PubRecPacket(2),
        ["pubrel"] = new PubRelPacket(3),
        ["pubcomp"] = new PubCompPacket(4),
        ["subscribe"] = new SubscribePacket(5, [new("$hw/events/device/+/twin/+", MqttQualityOfService.AtLeastOnce), new("#", MqttQualityOfService.ExactlyOnce)]),
        ["suback"] = new SubAckPacket(5, [0, 1, 2, SubAckPacket.Failure]),
        ["unsubscribe"] = new UnsubscribePacket(6, ["a/+", "b/#"]),
        ["unsuback"] = new UnsubAckPacket(6),
        ["pingreq"] = PingReqPacket.Instance,
        ["pingresp"] = PingRespPacket.Instance,
        ["disconnect"] = DisconnectPacket.Instance,
    };

    [Theory]
    [MemberData(nameof(PacketNames))]
    public void Every_packet_type_survives_a_round_trip(string name)
    {
        var packet = AllPackets()[name];
        var bytes = Encode(packet);
        Assert.Equal(MqttPacketFormatter.SizeOf(packet), bytes.Length);

        var decoded = DecodeOne(bytes);

        Assert.Equal(packet.GetType(), decoded.GetType());
        Assert.Equal(bytes, Encode(decoded));
    }

    [Theory]
    [MemberData(nameof(PacketNames))]
    public void Every_packet_type_decodes_when_fed_byte_by_byte(string name)
    {
        var bytes = Encode(AllPackets()[name]);
        var received = new List<byte>();
        MqttPacket? packet = null;
        for (var i = 0; i < bytes.Length; i++)
        {
            received.Add(bytes[i]);
            var sequence = new ReadOnlySequence<byte>(received.ToArray());
            var complete = Formatter.TryRead(ref sequence, out packet);
            Assert.Equal(i == bytes.Length - 1, complete);
            if (!complete)
            {
                Assert.Equal(received.Count, sequence.Length);
            }
        }

        Assert.Equal(bytes, Encode(packet!));
    }

    [Fact]
    public void Connect_fields_are_preserved()
    {
        var original = (ConnectPacket)AllPackets()["connect-full"];
        var decoded = Assert.IsType<ConnectPacket>(DecodeOne(Encode(original)));

        Assert.Equal("mapper-ä", decoded.ClientId);
        Assert.False(decoded.CleanSession);
        Assert.Equal(60, decoded.KeepAliveSeconds);
        Assert.Equal("user", decoded.UserName);
        Assert.Equal("secret", Encoding.UTF8.GetString(decoded.Password!.Value.Span));
        Assert.Equal("$hw/events/device/dev/state/update", decoded.Will!.Topic);
        Assert.Equal(MqttQualityOfService.AtLeastOnce, decoded.Will.QualityOfService);
        Assert.True(decoded.Will.Retain);
        Assert.Equal("offline", decoded.Will.PayloadAsString());
    }

    [Theory]
    [InlineData(127, 1)]
    [InlineData(128, 2)]
    [InlineData(16_383, 2)]
    [InlineData(16_384, 3)]
    [InlineData(2_097_151, 3)]
    [InlineData(2_097_152, 4)]
    public void Remaining_length_edges_use_the_right_number_of_bytes(int remainingLength, int lengthBytes)
    {
        // PUBLISH QoS 0 with topic "t": remaining = 2 + 1 + payload.
        var payload = new byte[remainingLength - 3];
        payload.AsSpan().Fill(0xAB);
        var packet = new PublishPacket { Topic = "t", Payload = payload };

        var bytes = Encode(packet);

        Assert.Equal(1 + lengthBytes + remainingLength, bytes.Length);
        var decoded = Assert.IsType<PublishPacket>(DecodeOne(bytes));
        Assert.Equal(payload.Length, decoded.Payload.Length);
        Assert.True(decoded.Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public void A_packet_split_over_many_segments_decodes()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var bytes = Encode(new PublishPacket { Topic = "seg/ments", Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 9 });
        var sequence = Segments.Of(bytes, 7);

        Assert.True(Formatter.TryRead(ref sequence, out var packet));
        Assert.True(sequence.IsEmpty);
        Assert.True(((PublishPacket)packet!).Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public void Two_packets_in_one_buffer_are_read_one_at_a_time()
    {
        var bytes = Encode(new PubAckPacket(1)).Concat(Encode(PingReqPacket.Instance)).ToArray();
        var sequence = new ReadOnlySequence<byte>(bytes);

        Assert.True(Formatter.TryRead(ref sequence, out var first));
        Assert.Equal(2, sequence.Length);
        Assert.True(Formatter.TryRead(ref sequence, out var second));

        Assert.Equal(new PubAckPacket(1), first);
        Assert.Same(PingReqPacket.Instance, second);
        Assert.False(Formatter.TryRead(ref sequence, out _));
    }
}
