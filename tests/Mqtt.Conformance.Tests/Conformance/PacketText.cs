using System.Globalization;
using System.Text;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>
/// A packet as one comparable line, e.g. <c>SUBACK id=1 [00,80]</c> or <c>PUBLISH a/b q1 dup retain 'x'</c>. The id of
/// a PUBLISH is left out: the broker picks it, so scenarios compare it explicitly where the spec cares.
/// </summary>
internal static class PacketText
{
    public static string Describe(MqttPacket packet) => packet switch
    {
        ConnAckPacket a => $"CONNACK sp={(a.SessionPresent ? 1 : 0)} rc={(int)a.ReturnCode}",
        SubAckPacket s => $"SUBACK id={s.PacketId} [{string.Join(',', s.ReturnCodes.Select(c => c.ToString("X2", CultureInfo.InvariantCulture)))}]",
        PublishPacket p => Publish(p),
        MqttPacketWithId w => $"{Name(packet.Type)} id={w.PacketId}",
        _ => Name(packet.Type),
    };

    private static string Publish(PublishPacket p)
    {
        var text = new StringBuilder($"PUBLISH {p.Topic} q{(int)p.QualityOfService}");
        if (p.Dup)
        {
            text.Append(" dup");
        }

        if (p.Retain)
        {
            text.Append(" retain");
        }

        return text.Append(" '").Append(Encoding.UTF8.GetString(p.Payload.Span)).Append('\'').ToString();
    }

    private static string Name(MqttPacketType type) => type.ToString().ToUpperInvariant();
}
