using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>SUBSCRIBE and UNSUBSCRIBE (§3.8–§3.11), mosquitto and our broker side by side.</summary>
public sealed class SubscribeConformanceTests
{
    private static readonly Scenario[] Scenarios =
    [
        new Scenario("MQTT-3.8.1-1 SUBSCRIBE with wrong reserved flags closes")
            .Connect("s").SendBytes("SUBSCRIBE flags 0000", Wire.WithHeader(Wire.Subscribe(1, ("t", 0)), 0x80)).ExpectClosed(),
        new Scenario("MQTT-3.8.3-3 SUBSCRIBE without topic filters closes")
            .Connect("s").SendBytes("SUBSCRIBE with no filters", [0x82, 0x02, 0x00, 0x01]).ExpectClosed(),
        new Scenario("MQTT-3.8.3-4 a requested QoS of 3 closes")
            .Connect("s").Send(Wire.Subscribe(1, ("t", 3))).ExpectClosed(),
        // An invalid filter is a protocol violation (§4.7.1, §4.8): a server may close or answer SUBACK 0x80. mosquitto
        // closes, and so does our broker (its documented choice: the codec rejects the packet).
        new Scenario("MQTT-4.7.1-2 a filter with # not last closes")
            .Connect("s").Send(Wire.Subscribe(1, ("a/#/b", 0))).ExpectClosed(),
        new Scenario("MQTT-4.7.1-3 a filter with + inside a level closes")
            .Connect("s").Send(Wire.Subscribe(1, ("a+", 0))).ExpectClosed(),
        // §3.9.3 lets a server grant a lower QoS than asked: our broker delivers at most QoS 1, mosquitto grants 2.
        new Scenario("MQTT-3.9.3 each filter is granted min(requested, supported) in order")
            .Connect("s").Send(Wire.Subscribe(7, ("q/0", 0), ("q/1", 1), ("q/2", 2)))
            .Expect("SUBACK id=7 [00,01,02]"),
        new Scenario("MQTT-3.3.5-1 overlapping subscriptions deliver at the highest granted QoS")
            .On("s").Connect("s").Subscribe(1, "o/#", 0).Subscribe(2, "o/+", 1)
            .Subscribe(3, "marker", 0)
            .On("pub").Connect("pub").Publish("o/x", "both", qos: 1).Publish("marker", "m")
            .On("s").Expect("PUBLISH o/x q1 'both'").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.8.4-3 a repeated SUBSCRIBE replaces the QoS and re-sends retained messages")
            .On("pub").Connect("pub").Publish("r/t", "kept", qos: 1, retain: true)
            .On("s").Connect("s").Subscribe(1, "r/t", 0).Expect("PUBLISH r/t q0 retain 'kept'")
            .Subscribe(2, "r/t", 1).Expect("PUBLISH r/t q1 retain 'kept'").AckLastPublish().Subscribe(3, "marker", 0)
            .On("pub").Publish("r/t", "live", qos: 1, packetId: 2).Publish("marker", "m")
            .On("s").Expect("PUBLISH r/t q1 'live'").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.10.4-5 UNSUBSCRIBE of an unknown filter is acknowledged")
            .Connect("u").Send(new UnsubscribePacket(9, ["never/subscribed"])).Expect("UNSUBACK id=9"),
        new Scenario("MQTT-3.10.4-1 after UNSUBSCRIBE the filter no longer delivers")
            .On("s").Connect("s").Subscribe(1, "u/t", 0).Subscribe(2, "marker", 0)
            .Send(new UnsubscribePacket(3, ["u/t"])).Expect("UNSUBACK id=3")
            .On("pub").Connect("pub").Publish("u/t", "gone").Publish("marker", "m")
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-4.7.1 UNSUBSCRIBE with an invalid filter closes")
            .Connect("u").Send(new UnsubscribePacket(1, ["a/#/b"])).ExpectClosed(),
        new Scenario("MQTT-3.10.1-1 UNSUBSCRIBE with wrong reserved flags closes")
            .Connect("u").SendBytes("UNSUBSCRIBE flags 0000", Wire.WithHeader(new UnsubscribePacket(1, ["t"]), 0xA0)).ExpectClosed(),
        new Scenario("MQTT-3.10.3-2 UNSUBSCRIBE without topic filters closes")
            .Connect("u").SendBytes("UNSUBSCRIBE with no filters", [0xA2, 0x02, 0x00, 0x01]).ExpectClosed(),
        new Scenario("MQTT-3.8.3-4 a requested QoS byte with reserved bits closes")
            .Connect("s").SendBytes("SUBSCRIBE options 0x41", [0x82, 0x06, 0x00, 0x01, 0x00, 0x01, (byte)'t', 0x41]).ExpectClosed(),
        new Scenario("MQTT-4.7.1 wildcard matching of empty levels, parents and $ below the first level")
            .On("f1").Connect("f1").Subscribe(1, "sport/#", 0).Subscribe(2, "zz", 0)
            .On("f2").Connect("f2").Subscribe(1, "+/+", 0).Subscribe(2, "zz", 0)
            .On("f3").Connect("f3").Subscribe(1, "+", 0)
            .On("f4").Connect("f4").Subscribe(1, "/+", 0).Subscribe(2, "zz", 0)
            .On("f5").Connect("f5").Subscribe(1, "sport/+", 0).Subscribe(2, "zz", 0)
            .On("f6").Connect("f6").Subscribe(1, "#", 0)
            .On("pub").Connect("pub").Publish("sport", "1").Publish("/finance", "2").Publish("sport/", "3").Publish("sport/$x", "4").Publish("zz", "m")
            .On("f1").Expect("PUBLISH sport q0 '1'").Expect("PUBLISH sport/ q0 '3'").Expect("PUBLISH sport/$x q0 '4'").Expect("PUBLISH zz q0 'm'")
            .On("f2").Expect("PUBLISH /finance q0 '2'").Expect("PUBLISH sport/ q0 '3'").Expect("PUBLISH sport/$x q0 '4'").Expect("PUBLISH zz q0 'm'")
            .On("f3").Expect("PUBLISH sport q0 '1'").Expect("PUBLISH zz q0 'm'")
            .On("f4").Expect("PUBLISH /finance q0 '2'").Expect("PUBLISH zz q0 'm'")
            .On("f5").Expect("PUBLISH sport/ q0 '3'").Expect("PUBLISH sport/$x q0 '4'").Expect("PUBLISH zz q0 'm'")
            .On("f6").Expect("PUBLISH sport q0 '1'").Expect("PUBLISH /finance q0 '2'").Expect("PUBLISH sport/ q0 '3'")
            .Expect("PUBLISH sport/$x q0 '4'").Expect("PUBLISH zz q0 'm'"),
    ];

    public static TheoryData<string, BrokerKind> Rows => ScenarioCatalog.Rows(Scenarios);

    [Theory]
    [MemberData(nameof(Rows))]
    public Task Broker_behaves_as_the_spec_says(string scenario, BrokerKind broker) =>
        ScenarioRun.RunAsync(ScenarioCatalog.Find(Scenarios, scenario), broker);
}
