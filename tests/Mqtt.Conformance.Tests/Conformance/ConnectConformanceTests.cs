using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>CONNECT handling (§3.1, §3.2), mosquitto and our broker side by side.</summary>
public sealed class ConnectConformanceTests
{
    private static readonly Scenario[] Scenarios =
    [
        new Scenario("MQTT-3.1.0-1 a first packet other than CONNECT closes")
            .Send(PingReqPacket.Instance).ExpectClosed(),
        new Scenario("MQTT-3.1.0-2 a second CONNECT closes")
            .Connect("twice").Send(Wire.Connect("twice")).ExpectClosed(),
        new Scenario("MQTT-3.1.2-2 an unsupported protocol level gets CONNACK 1, then the close")
            .Send(Wire.Connect("level") with { ProtocolLevel = 7 }).Expect("CONNACK sp=0 rc=1").ExpectClosed(),
        // §3.1.2-1 lets a server either close or treat an unknown protocol name by some other specification; both close.
        new Scenario("MQTT-3.1.2-1 an unknown protocol name closes")
            .Send(Wire.Connect("name") with { ProtocolName = "MQTX" }).ExpectClosed(),
        new Scenario("MQTT-3.1.2-3 the reserved connect flag closes")
            .SendBytes("CONNECT with reserved flag", Wire.ConnectWithFlags(Wire.Connect("reserved"), 0x01)).ExpectClosed(),
        new Scenario("MQTT-3.1.2-11 will QoS without will flag closes")
            .SendBytes("CONNECT will QoS 1, no will", Wire.ConnectWithFlags(Wire.Connect("wq"), 0x08)).ExpectClosed(),
        new Scenario("MQTT-3.1.2-13 will QoS 2 bit without will flag closes")
            .SendBytes("CONNECT will QoS 2, no will", Wire.ConnectWithFlags(Wire.Connect("wq2"), 0x10)).ExpectClosed(),
        new Scenario("MQTT-3.1.2-14 will QoS 3 closes")
            .SendBytes("CONNECT will QoS 3", Wire.ConnectWithFlags(Wire.Connect("wq3", will: MqttApplicationMessage.FromString("w/t", "x")), 0x18))
            .ExpectClosed(),
        new Scenario("MQTT-3.1.2-15 will retain without will flag closes")
            .SendBytes("CONNECT will retain, no will", Wire.ConnectWithFlags(Wire.Connect("wr"), 0x20)).ExpectClosed(),
        new Scenario("MQTT-3.1.2-22 a password without a user name closes")
            .Send(Wire.Connect("pw") with { Password = new byte[] { 1, 2 } }).ExpectClosed(),
        new Scenario("MQTT-3.1.3-8 an empty client id with CleanSession 0 gets CONNACK 2, then the close")
            .Send(Wire.Connect("", clean: false)).Expect("CONNACK sp=0 rc=2").ExpectClosed(),
        new Scenario("MQTT-3.1.3-6 an empty client id with CleanSession 1 is accepted")
            .Connect("").Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.2.2-1 CleanSession 1 answers SessionPresent 0 even after a persistent session")
            .On("a").Connect("sp", clean: false).Send(DisconnectPacket.Instance).ExpectClosed()
            .On("b").Connect("sp", clean: true, sessionPresent: false),
        new Scenario("MQTT-3.1.2-2 protocol name MQTT at level 3 gets CONNACK 1, then the close")
            .Send(Wire.Connect("l3") with { ProtocolLevel = 3 }).Expect("CONNACK sp=0 rc=1").ExpectClosed(),
        new Scenario("MQTT 3.1 (MQIsdp, level 3) is still accepted")
            .Send(Wire.Connect("v31") with { ProtocolName = "MQIsdp", ProtocolLevel = 3 }).Expect("CONNACK sp=0 rc=0")
            .Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.1.3-11 a will topic with a wildcard closes")
            .Send(Wire.Connect("wt", will: MqttApplicationMessage.FromString("w/#", "x"))).ExpectClosed(),
        new Scenario("MQTT-3.1.2-19 the user name flag without a user name closes")
            .SendBytes("CONNECT user name flag, no field", Wire.ConnectWithFlags(Wire.Connect("un"), 0x80)).ExpectClosed(),
        new Scenario("MQTT 3.1 (MQIsdp) has no server-assigned ids: an empty client id gets CONNACK 2")
            .Send(Wire.Connect("") with { ProtocolName = "MQIsdp", ProtocolLevel = 3 }).Expect("CONNACK sp=0 rc=2").ExpectClosed(),
        // MQTT 3.1 capped ids at 23 characters; mosquitto accepts longer ones and so do we, as 3.1.1 allows (§3.1.3.1).
        new Scenario("MQTT 3.1 (MQIsdp) client ids longer than 23 characters are accepted")
            .Send(Wire.Connect("abcdefghijklmnopqrstuvwxyz") with { ProtocolName = "MQIsdp", ProtocolLevel = 3 }).Expect("CONNACK sp=0 rc=0"),
        new Scenario("MQTT-3.1 a CONNECT with bytes after its last field closes")
            .SendBytes("CONNECT plus one byte", WithTrailingByte(Wire.Bytes(Wire.Connect("tb")))).ExpectClosed(),
        new Scenario("MQTT-1.5.3-1 a client id with an encoded surrogate closes")
            .SendBytes("CONNECT id ED A0 80", SurrogateId()).ExpectClosed(),
        new Scenario("MQTT-3.1.4-5 after a refused CONNECT nothing else the client sent is processed")
            .On("victim").Connect("victim")
            .On("a").SendBytes("CONNECT level 7, then CONNECT victim, in one write",
                [.. Wire.Bytes(Wire.Connect("refused") with { ProtocolLevel = 7 }), .. Wire.Bytes(Wire.Connect("victim"))])
            .Expect("CONNACK sp=0 rc=1").ExpectClosed()
            .On("victim").Send(PingReqPacket.Instance).Expect("PINGRESP"),
        new Scenario("MQTT-3.1.4 CONNECT, SUBSCRIBE and PUBLISH pipelined in one write are all processed")
            .SendBytes("CONNECT, SUBSCRIBE, PUBLISH in one write",
                [.. Wire.Bytes(Wire.Connect("pipe")), .. Wire.Bytes(Wire.Subscribe(1, ("pipe/t", 1))), .. Wire.Bytes(Wire.Publish("pipe/t", "p", qos: 1, packetId: 2))])
            .Expect("CONNACK sp=0 rc=0").Expect("SUBACK id=1 [01]").Expect("PUBLISH pipe/t q1 'p'").Expect("PUBACK id=2"),
        new Scenario("MQTT-4.7.3-1 an empty will topic closes")
            .Send(Wire.Connect("wt", will: MqttApplicationMessage.FromString("", "x"))).ExpectClosed(),
        new Scenario("MQTT-3.1.3-6 two clients with empty ids get distinct ids and both stay connected")
            .On("a").Connect("")
            .On("b").Connect("")
            .On("a").Send(PingReqPacket.Instance).Expect("PINGRESP")
            .On("b").Send(PingReqPacket.Instance).Expect("PINGRESP"),
    ];

    private static byte[] WithTrailingByte(byte[] packet)
    {
        byte[] longer = [.. packet, 0x00];
        longer[1]++;
        return longer;
    }

    /// <summary>CONNECT whose 3-byte client id is ED A0 80, the UTF-8 form of the surrogate U+D800.</summary>
    private static byte[] SurrogateId()
    {
        var bytes = Wire.Bytes(Wire.Connect("abc"));
        const int clientIdStart = Wire.ConnectFlagsIndex + 1 + 2 + 2;
        bytes[clientIdStart] = 0xED;
        bytes[clientIdStart + 1] = 0xA0;
        bytes[clientIdStart + 2] = 0x80;
        return bytes;
    }

    public static TheoryData<string, BrokerKind> Rows => ScenarioCatalog.Rows(Scenarios);

    [Theory]
    [MemberData(nameof(Rows))]
    public Task Broker_behaves_as_the_spec_says(string scenario, BrokerKind broker) =>
        ScenarioRun.RunAsync(ScenarioCatalog.Find(Scenarios, scenario), broker);
}
