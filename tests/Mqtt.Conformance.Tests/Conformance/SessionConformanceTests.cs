using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>Session state and takeover (§3.1.4, §3.2.2, §4.1, §4.4), mosquitto and our broker side by side.</summary>
public sealed class SessionConformanceTests
{
    private static readonly Scenario[] Scenarios =
    [
        new Scenario("MQTT-3.1.4-2 a second connection with the same client id closes the first")
            .On("first").Connect("same")
            .On("second").Connect("same")
            .On("first").ExpectClosed()
            .On("second").Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.2.2-2 a persistent session resumes with SessionPresent 1 and its subscriptions")
            .On("a").Connect("keep", clean: false).Subscribe(1, "keep/t", 1).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("a2").Connect("keep", clean: false, sessionPresent: true)
            .On("pub").Connect("pub").Publish("keep/t", "live", qos: 1)
            .On("a2").Expect("PUBLISH keep/t q1 'live'"),
        new Scenario("MQTT-4.1 QoS 1 messages published while offline are delivered on reconnect, in order")
            .On("a").Connect("queue", clean: false).Subscribe(1, "queue/#", 1).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("pub").Connect("pub").Publish("queue/1", "one", qos: 1, packetId: 1).Publish("queue/2", "two", qos: 1, packetId: 2)
            .On("a2").Connect("queue", clean: false, sessionPresent: true)
            .Expect("PUBLISH queue/1 q1 'one'").Expect("PUBLISH queue/2 q1 'two'"),
        new Scenario("MQTT-4.4.0-1 an unacknowledged QoS 1 message is re-sent with DUP 1 and the same id on reconnect")
            .On("a").Connect("inflight", clean: false).Subscribe(1, "inflight/t", 1)
            .On("pub").Connect("pub").Publish("inflight/t", "again", qos: 1)
            .On("a").Expect("PUBLISH inflight/t q1 'again'").Abort()
            .On("a2").Connect("inflight", clean: false, sessionPresent: true)
            .Expect("PUBLISH inflight/t q1 dup 'again'").ExpectSamePacketIdAs("a"),
        new Scenario("MQTT-4.4.0-1 an acknowledged QoS 1 message is not re-sent on reconnect")
            .On("a").Connect("acked", clean: false).Subscribe(1, "acked/t", 1)
            .On("pub").Connect("pub").Publish("acked/t", "once", qos: 1)
            .On("a").Expect("PUBLISH acked/t q1 'once'").AckLastPublish().Send(PingReqPacket.Instance).Expect("PINGRESP").Abort()
            .On("a2").Connect("acked", clean: false, sessionPresent: true).Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.1.2-6 CleanSession 1 discards the old session and its subscriptions")
            .On("a").Connect("gone", clean: false).Subscribe(1, "gone/t", 1).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("a2").Connect("gone", clean: true).Subscribe(1, "marker", 0)
            .On("pub").Connect("pub").Publish("gone/t", "lost", qos: 1).Publish("marker", "m")
            .On("a2").Expect("PUBLISH marker q0 'm'"),
        // QoS 0 to an offline session: the spec lets a server queue it (§3.1.2.4); mosquitto's default and ours drop it.
        new Scenario("MQTT-3.1.2.4 QoS 0 messages for an offline session are not queued")
            .On("a").Connect("q0", clean: false).Subscribe(1, "q0/#", 1).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("pub").Connect("pub").Publish("q0/zero", "dropped").Publish("q0/one", "kept", qos: 1)
            .On("a2").Connect("q0", clean: false, sessionPresent: true).Expect("PUBLISH q0/one q1 'kept'"),
        new Scenario("MQTT-3.1.4-2 a takeover hands the unacknowledged QoS 1 messages to the new connection with DUP 1")
            .On("a").Connect("move", clean: false).Subscribe(1, "move/t", 1)
            .On("pub").Connect("pub").Publish("move/t", "carry", qos: 1)
            .On("a").Expect("PUBLISH move/t q1 'carry'")
            .On("a2").Connect("move", clean: false, sessionPresent: true).Expect("PUBLISH move/t q1 dup 'carry'").ExpectSamePacketIdAs("a")
            .On("a").ExpectClosed(),
        // §4.3.3 lets the receiver route a QoS 2 message on PUBLISH (method A, ours) or on PUBREL (method B, mosquitto);
        // either way it goes out exactly once.
        new Scenario("MQTT-4.3.3-2 an incoming QoS 2 id awaiting PUBREL survives a reconnect and is not routed twice")
            .On("s").Connect("s").Subscribe(1, "q2s/t", 1).Subscribe(2, "marker", 0)
            .On("p").Connect("q2p", clean: false).Send(Wire.Publish("q2s/t", "once", qos: 2, packetId: 9)).Expect("PUBREC id=9")
            .OnlyFor(BrokerKind.Embedded, x => x.On("s").Expect("PUBLISH q2s/t q1 'once'"))
            .On("p").Abort()
            .On("p2").Connect("q2p", clean: false, sessionPresent: true)
            .Send(Wire.Publish("q2s/t", "once", qos: 2, packetId: 9, dup: true)).Expect("PUBREC id=9")
            .Send(new PubRelPacket(9)).Expect("PUBCOMP id=9").Publish("marker", "m")
            .OnlyFor(BrokerKind.Mosquitto, x => x.On("s").Expect("PUBLISH q2s/t q1 'once'"))
            .On("s").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-4.6.0-1 in-flight messages are re-sent first, in their original order, then the queued ones")
            .On("a").Connect("order", clean: false).Subscribe(1, "order/#", 1)
            .On("pub").Connect("pub").Publish("order/1", "1", qos: 1, packetId: 1).Publish("order/2", "2", qos: 1, packetId: 2)
            .On("a").Expect("PUBLISH order/1 q1 '1'").Expect("PUBLISH order/2 q1 '2'").Abort()
            .On("pub").Publish("order/3", "3", qos: 1, packetId: 3)
            .On("a2").Connect("order", clean: false, sessionPresent: true)
            .Expect("PUBLISH order/1 q1 dup '1'").Expect("PUBLISH order/2 q1 dup '2'").Expect("PUBLISH order/3 q1 '3'"),
        // The will may only be discarded on DISCONNECT (MQTT-3.1.2-8); a takeover closes the old connection without
        // one. The will is routed before anything the new connection publishes.
        new Scenario("MQTT-3.1.2-8 a takeover publishes the old connection's will before the new connection's messages")
            .On("s").Connect("s").Subscribe(1, "tw/#", 1)
            .On("a").Connect("tw", will: MqttApplicationMessage.FromString("tw/state", "offline", MqttQualityOfService.AtLeastOnce))
            .On("a2").Connect("tw").Publish("tw/state", "online", qos: 1)
            .On("a").ExpectClosed()
            .On("s").Expect("PUBLISH tw/state q1 'offline'").Expect("PUBLISH tw/state q1 'online'"),
        new Scenario("MQTT-3.3.1-9 a retained message queued for an offline session arrives with RETAIN 0")
            .On("a").Connect("rq", clean: false).Subscribe(1, "rq/t", 1).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("pub").Connect("pub").Publish("rq/t", "r", qos: 1, retain: true)
            .On("a2").Connect("rq", clean: false, sessionPresent: true).Expect("PUBLISH rq/t q1 'r'"),
        new Scenario("MQTT-3.2.2-3 a persistent takeover of a clean session answers SessionPresent 0")
            .On("a").Connect("mix")
            .On("a2").Connect("mix", clean: false, sessionPresent: false)
            .On("a").ExpectClosed(),
        new Scenario("MQTT-3.1.2-6 a clean takeover of a persistent session discards its subscriptions")
            .On("a").Connect("mix", clean: false).Subscribe(1, "mix/t", 1)
            .On("a2").Connect("mix", clean: true).Subscribe(1, "marker", 0)
            .On("a").ExpectClosed()
            .On("pub").Connect("pub").Publish("mix/t", "lost", qos: 1).Publish("marker", "m")
            .On("a2").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-3.3.1-6 resuming a session does not re-send retained messages (no new subscription)")
            .On("pub").Connect("pub").Publish("rs/t", "kept", qos: 1, retain: true)
            .On("a").Connect("rs", clean: false).Subscribe(1, "rs/t", 1).Expect("PUBLISH rs/t q1 retain 'kept'").AckLastPublish()
            .Subscribe(2, "marker", 0).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("a2").Connect("rs", clean: false, sessionPresent: true)
            .On("pub").Publish("marker", "m")
            .On("a2").Expect("PUBLISH marker q0 'm'"),
        new Scenario("MQTT-4.4.0-1 a re-sent retained delivery keeps RETAIN 1 and gets DUP 1")
            .On("pub").Connect("pub").Publish("rr/t", "kept", qos: 1, retain: true)
            .On("a").Connect("rr", clean: false).Subscribe(1, "rr/t", 1).Expect("PUBLISH rr/t q1 retain 'kept'").Abort()
            .On("a2").Connect("rr", clean: false, sessionPresent: true).Expect("PUBLISH rr/t q1 dup retain 'kept'"),
    ];

    public static TheoryData<string, BrokerKind> Rows => ScenarioCatalog.Rows(Scenarios);

    [Theory]
    [MemberData(nameof(Rows))]
    public Task Broker_behaves_as_the_spec_says(string scenario, BrokerKind broker) =>
        ScenarioRun.RunAsync(ScenarioCatalog.Find(Scenarios, scenario), broker);
}
