using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>Ping, keepalive, wills, DISCONNECT and framing errors, mosquitto and our broker side by side.</summary>
public sealed class LifecycleConformanceTests
{
    private static readonly MqttApplicationMessage Will = MqttApplicationMessage.FromString("will/w", "gone", MqttQualityOfService.AtLeastOnce);

    private static readonly Scenario[] Scenarios =
    [
        new Scenario("MQTT-3.12.4-1 PINGREQ is answered with PINGRESP")
            .Connect("ping").Send(PingReqPacket.Instance).Expect("PINGRESP").Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.1.2-24 a silent client is closed after 1.5 × keepalive and its will published")
            .On("s").Connect("s").Subscribe(1, "will/#", 1)
            .On("w").Connect("w", keepAlive: 1, will: Will).ExpectClosed()
            .On("s").Expect("PUBLISH will/w q1 'gone'"),
        new Scenario("MQTT-3.1.2-8 a dropped connection publishes the will")
            .On("s").Connect("s").Subscribe(1, "will/#", 1)
            .On("w").Connect("w", will: Will).Abort()
            .On("s").Expect("PUBLISH will/w q1 'gone'"),
        new Scenario("MQTT-3.1.2-8 a protocol violation publishes the will")
            .On("s").Connect("s").Subscribe(1, "will/#", 1)
            .On("w").Connect("w", will: Will).Send(Wire.Publish("bad/+", "x")).ExpectClosed()
            .On("s").Expect("PUBLISH will/w q1 'gone'"),
        new Scenario("MQTT-3.1.2-10 DISCONNECT discards the will")
            .On("s").Connect("s").Subscribe(1, "will/#", 1).Subscribe(2, "marker", 0)
            .On("w").Connect("w", will: Will).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("pub").Connect("pub").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.1.2-17 a retained will is stored as retained")
            .On("w").Connect("w", will: Will with { Retain = true }).Abort()
            .On("s").Connect("s").Subscribe(1, "will/w", 1).Expect("PUBLISH will/w q1 retain 'gone'"),
        new Scenario("MQTT-2.2.3 a remaining length of 5 bytes closes")
            .Connect("len").SendBytes("PUBLISH, remaining length FF FF FF FF 01", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]).ExpectClosed(),
        new Scenario("MQTT-2.2.2-2 PUBREL with wrong reserved flags closes")
            .Connect("rel").SendBytes("PUBREL flags 0000", [0x60, 0x02, 0x00, 0x01]).ExpectClosed(),
        new Scenario("MQTT-2.2.1 a reserved packet type closes")
            .Connect("res").SendBytes("packet type 15", [0xF0, 0x00]).ExpectClosed(),
        new Scenario("MQTT-2.3.1-1 SUBSCRIBE with packet id 0 closes")
            .Connect("id0").SendBytes("SUBSCRIBE id 0", [0x82, 0x06, 0x00, 0x00, 0x00, 0x01, (byte)'t', 0x00]).ExpectClosed(),
        new Scenario("MQTT-4.8 a client sending CONNACK closes")
            .Connect("ca").Send(new ConnAckPacket(false, MqttConnectReturnCode.Accepted)).ExpectClosed(),
        new Scenario("MQTT-3.14.1-1 DISCONNECT with reserved flags set closes and publishes the will")
            .On("s").Connect("s").Subscribe(1, "will/#", 1)
            .On("w").Connect("w", will: Will).SendBytes("DISCONNECT flags 1", [0xE1, 0x00]).ExpectClosed()
            .On("s").Expect("PUBLISH will/w q1 'gone'"),
        // mosquitto 2.0.11 deviates: it answers a PINGREQ with a body; a PINGREQ has remaining length 0 (§3.12), so ours
        // treats the packet as malformed and closes (§4.8).
        new Scenario("MQTT-3.12 a PINGREQ with a body is malformed and closes")
            .Connect("pb").SendBytes("PINGREQ with remaining length 1", [0xC0, 0x01, 0x00])
            .OnlyFor(BrokerKind.Embedded, x => x.ExpectClosed())
            .OnlyFor(BrokerKind.Mosquitto, x => x.Expect("PINGRESP")),
        // mosquitto 2.0.11 deviates: it drops the will when a second CONNECT arrives. The second CONNECT is a protocol
        // violation and the will may only be discarded on DISCONNECT (MQTT-3.1.2-8), so ours publishes it.
        new Scenario("MQTT-3.1.0-2 a second CONNECT closes and publishes the will")
            .On("s").Connect("s").Subscribe(1, "will/#", 1).Subscribe(2, "marker", 0)
            .On("w").Connect("w", will: Will).Send(Wire.Connect("w")).ExpectClosed()
            .OnlyFor(BrokerKind.Embedded, x => x.On("s").Expect("PUBLISH will/w q1 'gone'"))
            .On("pub").Connect("pub").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        // Our broker delivers at most QoS 1 (granted 1 for a QoS 2 request, §3.9.3); mosquitto delivers QoS 2.
        new Scenario("MQTT-3.1.2-14 a QoS 2 will is delivered at the granted QoS")
            .On("s").Connect("s").Send(Wire.Subscribe(1, ("will/#", 2)))
            .Expect("SUBACK id=1 [02]")
            .On("w").Connect("w", will: Will with { QualityOfService = MqttQualityOfService.ExactlyOnce }).Abort()
            .On("s").Expect("PUBLISH will/w q2 'gone'"),
        new Scenario("MQTT-4.3.2 a PUBACK for an unknown packet id is ignored")
            .Connect("x").Send(new PubAckPacket(77)).Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-4.3.3 a PUBREL for an unknown packet id is answered with PUBCOMP")
            .Connect("x").Send(new PubRelPacket(77)).Expect("PUBCOMP id=77"),
        new Scenario("MQTT-4.3.3 a PUBCOMP for an unknown packet id is ignored")
            .Connect("x").Send(new PubCompPacket(77)).Send(PingReqPacket.Instance).Expect("PINGRESP"),
        // mosquitto 2.0.11 deviates: it ignores SUBACK, UNSUBACK and PINGRESP from a client (but closes on CONNACK).
        // They are server-to-client packets, a protocol violation from a client (§4.8), so ours closes.
        ServerPacketFromClient("SUBACK", new SubAckPacket(1, [0])),
        ServerPacketFromClient("UNSUBACK", new UnsubAckPacket(1)),
        ServerPacketFromClient("PINGRESP", PingRespPacket.Instance),
        new Scenario("MQTT-3.14.4-1 packets after DISCONNECT in the same write are not processed")
            .On("s").Connect("s").Subscribe(1, "after/t", 0).Subscribe(2, "marker", 0)
            .On("w").Connect("w").SendBytes("DISCONNECT, then PUBLISH, in one write",
                [.. Wire.Bytes(DisconnectPacket.Instance), .. Wire.Bytes(Wire.Publish("after/t", "late"))])
            .ExpectClosed()
            .On("pub").Connect("pub").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.14 a DISCONNECT with a body is malformed: the connection closes and the will is published")
            .On("s").Connect("s").Subscribe(1, "will/#", 1)
            .On("w").Connect("w", will: Will).SendBytes("DISCONNECT len 1", [0xE0, 0x01, 0x00]).ExpectClosed()
            .On("s").Expect("PUBLISH will/w q1 'gone'"),
        new Scenario("MQTT-2.3.1-1 PUBACK with packet id 0 closes")
            .Connect("x").SendBytes("PUBACK id 0", [0x40, 0x02, 0x00, 0x00]).ExpectClosed(),
    ];

    private static Scenario ServerPacketFromClient(string name, MqttPacket packet) =>
        new Scenario($"MQTT-4.8 a client sending {name} closes")
            .Connect("x").Send(packet)
            .OnlyFor(BrokerKind.Embedded, x => x.ExpectClosed())
            .OnlyFor(BrokerKind.Mosquitto, x => x.Send(PingReqPacket.Instance).Expect("PINGRESP"));

    public static TheoryData<string, BrokerKind> Rows => ScenarioCatalog.Rows(Scenarios);

    [Theory]
    [MemberData(nameof(Rows))]
    public Task Broker_behaves_as_the_spec_says(string scenario, BrokerKind broker) =>
        ScenarioRun.RunAsync(ScenarioCatalog.Find(Scenarios, scenario), broker);
}
