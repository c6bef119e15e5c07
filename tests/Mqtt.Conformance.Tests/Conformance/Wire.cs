using System.Buffers;
using System.Text;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>Packets and hand-made bytes for the scenarios; the writer does not validate, so it can build bad packets too.</summary>
internal static class Wire
{
    /// <summary>Index of the connect-flags byte in an encoded CONNECT with a one-byte remaining length.</summary>
    public const int ConnectFlagsIndex = 9;

    private static readonly MqttPacketFormatter Formatter = new();

    public static byte[] Bytes(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Formatter.Write(packet, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static ConnectPacket Connect(string clientId, bool clean = true, ushort keepAlive = 0, MqttApplicationMessage? will = null) =>
        new() { ClientId = clientId, CleanSession = clean, KeepAliveSeconds = keepAlive, Will = will };

    /// <summary>An encoded CONNECT with <paramref name="set"/> OR-ed into its connect flags.</summary>
    public static byte[] ConnectWithFlags(ConnectPacket connect, byte set)
    {
        var bytes = Bytes(connect);
        bytes[ConnectFlagsIndex] |= set;
        return bytes;
    }

    public static SubscribePacket Subscribe(ushort packetId, params (string Filter, int Qos)[] filters) =>
        new(packetId, filters.Select(f => new MqttSubscription(f.Filter, (MqttQualityOfService)f.Qos)).ToList());

    public static PublishPacket Publish(string topic, string payload, int qos = 0, bool retain = false, ushort packetId = 1, bool dup = false) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfService = (MqttQualityOfService)qos,
        Retain = retain,
        PacketId = qos == 0 ? (ushort)0 : packetId,
        Dup = dup,
    };

    /// <summary>An encoded packet whose first byte is replaced (packet type and flags).</summary>
    public static byte[] WithHeader(MqttPacket packet, byte header)
    {
        var bytes = Bytes(packet);
        bytes[0] = header;
        return bytes;
    }

    /// <summary>A QoS 0 PUBLISH whose topic is the given raw bytes (for malformed UTF-8).</summary>
    public static byte[] PublishWithRawTopic(byte[] topic, string payload)
    {
        var body = new List<byte> { (byte)(topic.Length >> 8), (byte)topic.Length };
        body.AddRange(topic);
        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return [0x30, (byte)body.Count, .. body];
    }
}
