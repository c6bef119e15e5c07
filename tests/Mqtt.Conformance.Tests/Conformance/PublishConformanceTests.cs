using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>PUBLISH, retained messages and topic rules (§3.3, §4.3, §4.6, §4.7), mosquitto and our broker side by side.</summary>
public sealed class PublishConformanceTests
{
    private static readonly Scenario[] Scenarios =
    [
        new Scenario("MQTT-3.3.2-2 a topic name with + closes")
            .Connect("p").Send(Wire.Publish("a/+/b", "x")).ExpectClosed(),
        new Scenario("MQTT-3.3.2-2 a topic name with # closes")
            .Connect("p").Send(Wire.Publish("a/#", "x")).ExpectClosed(),
        new Scenario("MQTT-4.7.3-1 an empty topic name closes")
            .Connect("p").Send(Wire.Publish("", "x")).ExpectClosed(),
        new Scenario("MQTT-3.3.1-4 QoS 3 closes")
            .Connect("p").SendBytes("PUBLISH QoS 3", Wire.WithHeader(Wire.Publish("t", "x", qos: 1), 0x36)).ExpectClosed(),
        // mosquitto 2.0.11 deviates: it accepts QoS 0 with DUP 1 and keeps the connection; we follow the spec and close.
        new Scenario("MQTT-3.3.1-2 QoS 0 with DUP 1 closes")
            .Connect("p").SendBytes("PUBLISH QoS 0 DUP", Wire.WithHeader(Wire.Publish("t", "x"), 0x38))
            .OnlyFor(BrokerKind.Embedded, s => s.ExpectClosed())
            .OnlyFor(BrokerKind.Mosquitto, s => s.Send(PingReqPacket.Instance).Expect("PINGRESP")),
        new Scenario("MQTT-1.5.3-2 a topic containing U+0000 closes")
            .Connect("p").SendBytes("PUBLISH topic a\\0b", Wire.PublishWithRawTopic([(byte)'a', 0x00, (byte)'b'], "x")).ExpectClosed(),
        new Scenario("MQTT-1.5.3-1 a topic that is not well-formed UTF-8 closes")
            .Connect("p").SendBytes("PUBLISH topic 0xC0 0x80", Wire.PublishWithRawTopic([(byte)'a', 0xC0, 0x80], "x")).ExpectClosed(),
        new Scenario("MQTT-4.3.3 QoS 2 from a client completes PUBREC, PUBREL, PUBCOMP and is delivered once")
            .On("s").Connect("s").Subscribe(1, "q2/t", 1)
            .On("p").Connect("p").Send(Wire.Publish("q2/t", "two", qos: 2, packetId: 5)).Expect("PUBREC id=5")
            .Send(Wire.Publish("q2/t", "two", qos: 2, packetId: 5, dup: true)).Expect("PUBREC id=5")
            .Send(new PubRelPacket(5)).Expect("PUBCOMP id=5").Publish("marker", "m")
            .On("s").Expect("PUBLISH q2/t q1 'two'"),
        new Scenario("MQTT-3.3.1-8/9 retained goes out with RETAIN 1 on subscribe and RETAIN 0 to live subscribers")
            .On("live").Connect("live").Subscribe(1, "ret/t", 1)
            .On("pub").Connect("pub").Publish("ret/t", "v", qos: 1, retain: true)
            .On("live").Expect("PUBLISH ret/t q1 'v'")
            .On("late").Connect("late").Subscribe(1, "ret/#", 1).Expect("PUBLISH ret/t q1 retain 'v'"),
        new Scenario("MQTT-3.3.1-5 a new retained message replaces the old one and keeps its own QoS")
            .On("pub").Connect("pub").Publish("ret/t", "old", retain: true).Publish("ret/t", "new", retain: true).Publish("zz", "sync", qos: 1)
            .On("s").Connect("s").Subscribe(1, "ret/t", 1).Expect("PUBLISH ret/t q0 retain 'new'"),
        new Scenario("MQTT-3.3.1-10/11 an empty retained payload clears the topic and is not stored")
            .On("pub").Connect("pub").Publish("ret/t", "v", qos: 1, retain: true).Publish("ret/t", "", qos: 1, retain: true, packetId: 2)
            .On("s").Connect("s").Subscribe(1, "ret/#", 0).Subscribe(2, "marker", 0)
            .On("pub").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.3.1-12 an empty retained payload still reaches live subscribers, with RETAIN 0")
            .On("s").Connect("s").Subscribe(1, "ret/t", 0)
            .On("pub").Connect("pub").Publish("ret/t", "", retain: true)
            .On("s").Expect("PUBLISH ret/t q0 ''"),
        new Scenario("MQTT-4.7.2-1 # does not send retained $-topics")
            .On("p").Connect("p").Publish("$edge/r", "r", qos: 1, retain: true).Publish("m/r", "r", qos: 1, retain: true, packetId: 2)
            .On("s").Connect("s").Subscribe(1, "#", 0).Expect("PUBLISH m/r q0 retain 'r'").Subscribe(2, "marker", 0)
            .On("p").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-4.7.2-1 # and +/... do not match $-topics, $x/# does")
            .On("all").Connect("all").Subscribe(1, "#", 0)
            .On("plus").Connect("plus").Subscribe(1, "+/x", 0)
            .On("dollar").Connect("dollar").Subscribe(1, "$edge/#", 0)
            .On("pub").Connect("pub").Publish("$edge/x", "hidden").Publish("m/x", "marker")
            .On("all").Expect("PUBLISH m/x q0 'marker'")
            .On("plus").Expect("PUBLISH m/x q0 'marker'")
            .On("dollar").Expect("PUBLISH $edge/x q0 'hidden'"),
        new Scenario("MQTT-4.6.0-6 QoS 1 messages on one topic arrive in publish order")
            .On("s").Connect("s").Subscribe(1, "ord/t", 1)
            .On("pub").Connect("pub")
            .Publish("ord/t", "1", qos: 1, packetId: 1).Publish("ord/t", "2", qos: 1, packetId: 2)
            .Publish("ord/t", "3", qos: 1, packetId: 3).Publish("ord/t", "4", qos: 1, packetId: 4)
            .On("s").Expect("PUBLISH ord/t q1 '1'").Expect("PUBLISH ord/t q1 '2'").Expect("PUBLISH ord/t q1 '3'").Expect("PUBLISH ord/t q1 '4'"),
        new Scenario("MQTT-3.3.5 delivery QoS is the lower of published and granted QoS")
            .On("s").Connect("s").Subscribe(1, "dq/zero", 0).Subscribe(2, "dq/one", 1)
            .On("pub").Connect("pub").Publish("dq/zero", "a", qos: 1).Publish("dq/one", "b", qos: 0)
            .On("s").Expect("PUBLISH dq/zero q0 'a'").Expect("PUBLISH dq/one q0 'b'"),
        new Scenario("MQTT-2.3.1-1 a QoS 1 PUBLISH with packet id 0 closes")
            .Connect("p").SendBytes("PUBLISH QoS 1 id 0", [0x32, 0x06, 0x00, 0x01, (byte)'t', 0x00, 0x00, (byte)'x']).ExpectClosed(),
        new Scenario("MQTT-3.3.5 a client receives its own publications (3.1.1 has no no-local)")
            .Connect("self").Subscribe(1, "self/t", 0).Publish("self/t", "echo").Expect("PUBLISH self/t q0 'echo'"),
        new Scenario("MQTT-1.5.3-3 a leading U+FEFF in a topic is kept, not stripped")
            .On("bom").Connect("bom").Subscribe(1, "\uFEFFbom/t", 0)
            .On("plain").Connect("plain").Subscribe(1, "bom/t", 0).Subscribe(2, "marker", 0)
            .On("pub").Connect("pub").Publish("\uFEFFbom/t", "b").Publish("marker", "m")
            .On("bom").Expect("PUBLISH \uFEFFbom/t q0 'b'")
            .On("plain").Expect("PUBLISH marker q0 'm'"),
    ];

    public static TheoryData<string, BrokerKind> Rows => ScenarioCatalog.Rows(Scenarios);

    [Theory]
    [MemberData(nameof(Rows))]
    public Task Broker_behaves_as_the_spec_says(string scenario, BrokerKind broker) =>
        ScenarioRun.RunAsync(ScenarioCatalog.Find(Scenarios, scenario), broker);
}
