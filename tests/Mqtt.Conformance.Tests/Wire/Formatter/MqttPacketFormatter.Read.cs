using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Topics;

namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>Parsing of packet bodies, with every MUST-reject rule of MQTT 3.1.1.</summary>
internal sealed partial class MqttPacketFormatter
{
    private static MqttPacket Parse(byte header, ReadOnlySpan<byte> body)
    {
        var type = (MqttPacketType)(header >> 4);
        var flags = header & 0x0F;
        if (type == MqttPacketType.Publish)
        {
            return ReadPublish(flags, body);
        }

        // PUBREL, SUBSCRIBE and UNSUBSCRIBE carry the fixed flags 0010; every other non-PUBLISH packet 0000 (§2.2.2).
        var expectedFlags = type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 2 : 0;
        if (type is < MqttPacketType.Connect or > MqttPacketType.Disconnect)
        {
            throw new MqttProtocolException($"Reserved packet type {(int)type}.");
        }

        if (flags != expectedFlags)
        {
            throw new MqttProtocolException($"{type} has invalid fixed-header flags 0x{flags:X}.");
        }

        var reader = new MqttSpanReader(body);
        MqttPacket packet = type switch
        {
            MqttPacketType.Connect => ReadConnect(ref reader),
            MqttPacketType.ConnAck => ReadConnAck(ref reader),
            MqttPacketType.PubAck => new PubAckPacket(ReadPacketId(ref reader)),
            MqttPacketType.PubRec => new PubRecPacket(ReadPacketId(ref reader)),
            MqttPacketType.PubRel => new PubRelPacket(ReadPacketId(ref reader)),
            MqttPacketType.PubComp => new PubCompPacket(ReadPacketId(ref reader)),
            MqttPacketType.Subscribe => ReadSubscribe(ref reader),
            MqttPacketType.SubAck => ReadSubAck(ref reader),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(ref reader),
            MqttPacketType.UnsubAck => new UnsubAckPacket(ReadPacketId(ref reader)),
            MqttPacketType.PingReq => PingReqPacket.Instance,
            MqttPacketType.PingResp => PingRespPacket.Instance,
            _ => DisconnectPacket.Instance,
        };
        reader.EnsureEnd(type.ToString());
        return packet;
    }

    private static ushort ReadPacketId(ref MqttSpanReader reader)
    {
        var id = reader.ReadUInt16();
        return id == 0 ? throw new MqttProtocolException("Packet identifier 0 is not allowed.") : id;
    }

    private static PublishPacket ReadPublish(int flags, ReadOnlySpan<byte> body)
    {
        var qos = (MqttQualityOfService)((flags >> 1) & 0x03);
        var dup = (flags & 0x08) != 0;
        if ((int)qos == 3)
        {
            throw new MqttProtocolException("PUBLISH with QoS 3.");
        }

        if (dup && qos == MqttQualityOfService.AtMostOnce)
        {
            throw new MqttProtocolException("PUBLISH with QoS 0 must not set DUP.");
        }

        var reader = new MqttSpanReader(body);
        var topic = reader.ReadString();
        if (!MqttTopic.IsValidTopicName(topic))
        {
            throw new MqttProtocolException("PUBLISH topic name is empty or contains wildcards.");
        }

        var packetId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : ReadPacketId(ref reader);
        return new PublishPacket
        {
            Topic = topic,
            PacketId = packetId,
            QualityOfService = qos,
            Dup = dup,
            Retain = (flags & 0x01) != 0,
            Payload = reader.ReadRest().ToArray(),
        };
    }

    private static ConnectPacket ReadConnect(ref MqttSpanReader reader)
    {
        var protocolName = reader.ReadString();
        var level = reader.ReadByte();
        if (protocolName is not ("MQTT" or "MQIsdp"))
        {
            throw new MqttProtocolException($"Unknown protocol name '{protocolName}'.");
        }

        var flags = reader.ReadByte();
        if ((flags & 0x01) != 0)
        {
            throw new MqttProtocolException("CONNECT reserved flag is set.");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQos = (MqttQualityOfService)((flags >> 3) & 0x03);
        var willRetain = (flags & 0x20) != 0;
        var hasPassword = (flags & 0x40) != 0;
        var hasUserName = (flags & 0x80) != 0;
        if ((int)willQos == 3 || (!hasWill && (willQos != 0 || willRetain)))
        {
            throw new MqttProtocolException("CONNECT will flags are inconsistent.");
        }

        if (hasPassword && !hasUserName)
        {
            throw new MqttProtocolException("CONNECT has a password without a user name.");
        }

        var keepAlive = reader.ReadUInt16();
        var clientId = reader.ReadString();
        MqttApplicationMessage? will = null;
        if (hasWill)
        {
            var willTopic = reader.ReadString();
            if (!MqttTopic.IsValidTopicName(willTopic))
            {
                throw new MqttProtocolException("Will topic is empty or contains wildcards.");
            }

            will = new MqttApplicationMessage(willTopic, reader.ReadBinary(), willQos, willRetain);
        }

        return new ConnectPacket
        {
            ProtocolName = protocolName,
            ProtocolLevel = level,
            ClientId = clientId,
            CleanSession = (flags & 0x02) != 0,
            KeepAliveSeconds = keepAlive,
            Will = will,
            UserName = hasUserName ? reader.ReadString() : null,
            Password = hasPassword ? reader.ReadBinary() : (ReadOnlyMemory<byte>?)null,
        };
    }

    private static ConnAckPacket ReadConnAck(ref MqttSpanReader reader)
    {
        var ackFlags = reader.ReadByte();
        if ((ackFlags & 0xFE) != 0)
        {
            throw new MqttProtocolException("CONNACK reserved flags are set.");
        }

        var code = reader.ReadByte();
        if (code > (byte)MqttConnectReturnCode.NotAuthorized)
        {
            throw new MqttProtocolException($"CONNACK return code {code} is reserved.");
        }

        return new ConnAckPacket((ackFlags & 0x01) != 0, (MqttConnectReturnCode)code);
    }

    private static SubscribePacket ReadSubscribe(ref MqttSpanReader reader)
    {
        var packetId = ReadPacketId(ref reader);
        var subscriptions = new List<MqttSubscription>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString();
            if (!MqttTopic.IsValidTopicFilter(filter))
            {
                throw new MqttProtocolException($"Invalid topic filter '{filter}'.");
            }

            var options = reader.ReadByte();
            if (options > 2)
            {
                throw new MqttProtocolException("SUBSCRIBE requested QoS byte is invalid.");
            }

            subscriptions.Add(new MqttSubscription(filter, (MqttQualityOfService)options));
        }

        return subscriptions.Count == 0
            ? throw new MqttProtocolException("SUBSCRIBE without topic filters.")
            : new SubscribePacket(packetId, subscriptions);
    }

    private static SubAckPacket ReadSubAck(ref MqttSpanReader reader)
    {
        var packetId = ReadPacketId(ref reader);
        var codes = reader.ReadRest().ToArray();
        foreach (var code in codes)
        {
            if (code is > 2 and not SubAckPacket.Failure)
            {
                throw new MqttProtocolException($"SUBACK return code 0x{code:X2} is reserved.");
            }
        }

        return codes.Length == 0 ? throw new MqttProtocolException("SUBACK without return codes.") : new SubAckPacket(packetId, codes);
    }

    private static UnsubscribePacket ReadUnsubscribe(ref MqttSpanReader reader)
    {
        var packetId = ReadPacketId(ref reader);
        var filters = new List<string>();
        while (reader.Remaining > 0)
        {
            var filter = reader.ReadString();
            if (!MqttTopic.IsValidTopicFilter(filter))
            {
                throw new MqttProtocolException($"Invalid topic filter '{filter}'.");
            }

            filters.Add(filter);
        }

        return filters.Count == 0
            ? throw new MqttProtocolException("UNSUBSCRIBE without topic filters.")
            : new UnsubscribePacket(packetId, filters);
    }
}
