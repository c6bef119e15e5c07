using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>
/// A conformance scenario as data: raw packets or bytes sent on named connections, and the exact packets (or the
/// close) expected back, in order. Each expectation takes the next packet on that connection, so anything unexpected
/// before it — a will that should not exist, a second copy — fails the step. A connection opens on its first step.
/// </summary>
public sealed class Scenario
{
    private readonly List<ScenarioStep> _steps = [];
    private string _connection = "a";
    private BrokerKind? _onlyFor;

    public Scenario(string name) => Name = name;

    /// <summary>Spec rule and behaviour, e.g. "MQTT-3.1.0-2 second CONNECT closes".</summary>
    public string Name { get; }

    internal IReadOnlyList<ScenarioStep> Steps => _steps;

    /// <summary>Following steps act on connection <paramref name="connection"/>.</summary>
    internal Scenario On(string connection)
    {
        _connection = connection;
        return this;
    }

    internal Scenario Send(MqttPacket packet) =>
        Add($"send {PacketText.Describe(packet)}", (run, c) => run.SendAsync(c, Wire.Bytes(packet)));

    internal Scenario SendBytes(string what, byte[] bytes) => Add($"send {what}", (run, c) => run.SendAsync(c, bytes));

    /// <summary>The next packet must read <paramref name="expected"/> (see <see cref="PacketText"/>).</summary>
    internal Scenario Expect(string expected) => Expect(_ => expected);

    /// <summary>As <see cref="Expect(string)"/> where the brokers legitimately differ (say why at the call).</summary>
    internal Scenario Expect(Func<BrokerKind, string> expected) =>
        Add("expect", (run, c) => run.ExpectAsync(c, expected(run.Kind)));

    /// <summary>The broker must close the connection without sending anything more.</summary>
    internal Scenario ExpectClosed() => Add("expect close", (run, c) => run.ExpectClosedAsync(c));

    /// <summary>The id of the last PUBLISH received here must equal the last one received on <paramref name="other"/>.</summary>
    internal Scenario ExpectSamePacketIdAs(string other) =>
        Add($"expect the packet id seen on {other}", (run, c) => run.ExpectSamePacketIdAsync(c, other));

    /// <summary>PUBACK for the last QoS 1 PUBLISH received here.</summary>
    internal Scenario AckLastPublish() => Add("PUBACK the last PUBLISH", (run, c) => run.AckLastPublishAsync(c));

    /// <summary>Drops the TCP connection without DISCONNECT (an abnormal close).</summary>
    internal Scenario Abort() => Add("abort", (run, c) => run.AbortAsync(c));

    /// <summary>
    /// Steps that run only against <paramref name="kind"/>: where a broker deviates from the spec, or the spec lets the
    /// two differ, the scenario asserts each broker's actual behaviour here (the caller's comment says which and why).
    /// </summary>
    internal Scenario OnlyFor(BrokerKind kind, Func<Scenario, Scenario> steps)
    {
        var outer = _onlyFor;
        _onlyFor = kind;
        steps(this);
        _onlyFor = outer;
        return this;
    }

    /// <summary>CONNECT and the expected accepting CONNACK.</summary>
    internal Scenario Connect(string clientId, bool clean = true, bool sessionPresent = false, ushort keepAlive = 0, MqttApplicationMessage? will = null) =>
        Send(Wire.Connect(clientId, clean, keepAlive, will)).Expect($"CONNACK sp={(sessionPresent ? 1 : 0)} rc=0");

    /// <summary>SUBSCRIBE of one filter and the SUBACK granting <paramref name="granted"/>.</summary>
    internal Scenario Subscribe(ushort packetId, string filter, int qos, string? granted = null) =>
        Send(Wire.Subscribe(packetId, (filter, qos))).Expect($"SUBACK id={packetId} [{granted ?? $"0{qos}"}]");

    /// <summary>PUBLISH and, for QoS 1, the PUBACK.</summary>
    internal Scenario Publish(string topic, string payload, int qos = 0, bool retain = false, ushort packetId = 1)
    {
        Send(Wire.Publish(topic, payload, qos, retain, packetId));
        return qos == 1 ? Expect($"PUBACK id={packetId}") : this;
    }

    public override string ToString() => Name;

    private Scenario Add(string text, Func<ScenarioRun, string, Task> run)
    {
        _steps.Add(new ScenarioStep(_connection, text, run, _onlyFor));
        return this;
    }
}
