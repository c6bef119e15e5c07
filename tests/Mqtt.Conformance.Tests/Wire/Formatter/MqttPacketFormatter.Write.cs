using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>Encoding: sizes first (the remaining length precedes the body), then one pass over a single span.</summary>
internal sealed partial class MqttPacketFormatter
{
    private static byte FixedHeader(MqttPacket packet)
    {
        var typeBits = (byte)((byte)packet.Type << 4);
        return packet switch
        {
            PublishPacket p => (byte)(typeBits | (p.Dup ? 0x08 : 0) | ((byte)p.QualityOfService << 1) | (p.Retain ? 0x01 : 0)),
            PubRelPacket or SubscribePacket or UnsubscribePacket => (byte)(typeBits | 0x02),
            _ => typeBits,
        };
    }

    private static int BodySize(MqttPacket packet) => packet switch
    {
        ConnectPacket c => ConnectBodySize(c),
        ConnAckPacket => 2,
        PublishPacket p => MqttSpanWriter.SizeOf(p.Topic) + (p.QualityOfService == MqttQualityOfService.AtMostOnce ? 0 : 2) + p.Payload.Length,
        MqttPacketWithId => 2,
        SubscribePacket s => 2 + s.Subscriptions.Sum(x => MqttSpanWriter.SizeOf(x.TopicFilter) + 1),
        SubAckPacket s => 2 + s.ReturnCodes.Count,
        UnsubscribePacket u => 2 + u.TopicFilters.Sum(MqttSpanWriter.SizeOf),
        _ => 0,
    };

    private static int ConnectBodySize(ConnectPacket c)
    {
        var size = MqttSpanWriter.SizeOf(c.ProtocolName) + 1 + 1 + 2 + MqttSpanWriter.SizeOf(c.ClientId);
        if (c.Will is { } will)
        {
            size += MqttSpanWriter.SizeOf(will.Topic) + MqttSpanWriter.SizeOf(will.Payload);
        }

        if (c.UserName is not null)
        {
            size += MqttSpanWriter.SizeOf(c.UserName);
        }

        if (c.Password is { } password)
        {
            size += MqttSpanWriter.SizeOf(password);
        }

        return size;
    }

    private static void WriteBody(MqttPacket packet, ref MqttSpanWriter writer)
    {
        switch (packet)
        {
            case ConnectPacket c:
                WriteConnect(c, ref writer);
                break;
            case ConnAckPacket a:
                writer.WriteByte(a.SessionPresent ? (byte)1 : (byte)0);
                writer.WriteByte((byte)a.ReturnCode);
                break;
            case PublishPacket p:
                writer.WriteString(p.Topic);
                if (p.QualityOfService != MqttQualityOfService.AtMostOnce)
                {
                    writer.WriteUInt16(p.PacketId);
                }

                writer.WriteBytes(p.Payload.Span);
                break;
            case MqttPacketWithId w:
                writer.WriteUInt16(w.PacketId);
                break;
            case SubscribePacket s:
                writer.WriteUInt16(s.PacketId);
                foreach (var subscription in s.Subscriptions)
                {
                    writer.WriteString(subscription.TopicFilter);
                    writer.WriteByte((byte)subscription.QualityOfService);
                }

                break;
            case SubAckPacket s:
                writer.WriteUInt16(s.PacketId);
                foreach (var code in s.ReturnCodes)
                {
                    writer.WriteByte(code);
                }

                break;
            case UnsubscribePacket u:
                writer.WriteUInt16(u.PacketId);
                foreach (var filter in u.TopicFilters)
                {
                    writer.WriteString(filter);
                }

                break;
        }
    }

    private static void WriteConnect(ConnectPacket c, ref MqttSpanWriter writer)
    {
        writer.WriteString(c.ProtocolName);
        writer.WriteByte(c.ProtocolLevel);
        var flags = 0;
        if (c.CleanSession)
        {
            flags |= 0x02;
        }

        if (c.Will is { } will)
        {
            flags |= 0x04 | ((byte)will.QualityOfService << 3) | (will.Retain ? 0x20 : 0);
        }

        if (c.Password is not null)
        {
            flags |= 0x40;
        }

        if (c.UserName is not null)
        {
            flags |= 0x80;
        }

        writer.WriteByte((byte)flags);
        writer.WriteUInt16(c.KeepAliveSeconds);
        writer.WriteString(c.ClientId);
        if (c.Will is { } w)
        {
            writer.WriteString(w.Topic);
            writer.WriteBinary(w.Payload.Span);
        }

        if (c.UserName is not null)
        {
            writer.WriteString(c.UserName);
        }

        if (c.Password is { } password)
        {
            writer.WriteBinary(password.Span);
        }
    }
}
