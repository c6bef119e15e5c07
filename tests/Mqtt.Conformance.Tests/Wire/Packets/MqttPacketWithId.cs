namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

/// <summary>A packet whose whole variable header is a packet identifier (PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK).</summary>
internal abstract record MqttPacketWithId(ushort PacketId) : MqttPacket;
