using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;
using EdgeHive.Mqtt.Conformance.Tests.Infrastructure;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>Runs one <see cref="Scenario"/> against one fresh broker, over raw TCP connections.</summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    private readonly ConformanceBroker _broker;
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    private ScenarioRun(ConformanceBroker broker) => _broker = broker;

    public BrokerKind Kind => _broker.Kind;

    public static async Task RunAsync(Scenario scenario, BrokerKind kind)
    {
        if (kind == BrokerKind.Embedded && KnownDifferences.Embedded.TryGetValue(scenario.Name, out var reason) && reason == KnownDifferences.RetainedBeforeSubAck)
        {
            // MQTTnet queues retained messages beside the SUBACK, so their order varies from run to run: either the
            // scenario passes, or the only thing that differs is a retained message where the scenario expects another.
            try
            {
                await RunStepsAsync(scenario, kind);
            }
            catch (Exception ex)
            {
                Assert.Contains(" retain ", ex.Message, StringComparison.Ordinal);
            }

            return;
        }

        if (kind == BrokerKind.Embedded && KnownDifferences.Embedded.TryGetValue(scenario.Name, out reason))
        {
            // The difference must still show: when MQTTnet changes, this fails and the list (and protocol.md) is updated.
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunStepsAsync(scenario, kind));
            Assert.False(failure is Xunit.Sdk.XunitException && failure.Message.StartsWith("Assert.Throws", StringComparison.Ordinal), reason);
            return;
        }

        await RunStepsAsync(scenario, kind);
    }

    private static async Task RunStepsAsync(Scenario scenario, BrokerKind kind)
    {
        await using var broker = await ConformanceBroker.StartAsync(kind);
        await using var run = new ScenarioRun(broker);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            if (step.OnlyFor is { } only && only != kind)
            {
                continue;
            }

            try
            {
                await step.Run(run, step.Connection);
            }
            catch (Exception ex)
            {
                Assert.Fail($"'{scenario.Name}' against {kind}, step {i + 1} on [{step.Connection}] ({step.Text}): {ex.Message}");
            }
        }
    }

    public async Task SendAsync(string name, byte[] bytes)
    {
        var connection = await GetAsync(name);
        await connection.Raw.SendBytesAsync(bytes);
    }

    public async Task ExpectAsync(string name, string expected)
    {
        var connection = await GetAsync(name);
        var packet = await connection.ReceiveOrNullAsync()
            ?? throw new InvalidOperationException($"the connection closed; expected {expected}");
        if (packet is PublishPacket { QualityOfService: > MqttQualityOfService.AtMostOnce } publish)
        {
            connection.LastPublishId = publish.PacketId;
        }

        Assert.Equal(expected, PacketText.Describe(packet));
    }

    public async Task ExpectClosedAsync(string name)
    {
        var connection = await GetAsync(name);
        if (await connection.ReceiveOrNullAsync() is { } packet)
        {
            throw new InvalidOperationException($"expected the close, got {PacketText.Describe(packet)}");
        }

        connection.Closed = true;
        await _broker.WaitSettledAsync(OpenConnections());
    }

    public async Task ExpectSamePacketIdAsync(string name, string other)
    {
        var connection = await GetAsync(name);
        Assert.Equal(_connections[other].LastPublishId, connection.LastPublishId);
    }

    public async Task AckLastPublishAsync(string name)
    {
        var connection = await GetAsync(name);
        await connection.Raw.SendBytesAsync(Wire.Bytes(new PubAckPacket(connection.LastPublishId)));
    }

    public async Task AbortAsync(string name)
    {
        var connection = await GetAsync(name);
        connection.Raw.Abort();
        connection.Closed = true;
        await _broker.WaitSettledAsync(OpenConnections());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.Raw.DisposeAsync();
        }
    }

    private int OpenConnections() => _connections.Values.Count(c => !c.Closed);

    private async Task<Connection> GetAsync(string name)
    {
        if (!_connections.TryGetValue(name, out var connection))
        {
            connection = new Connection(await RawMqttConnection.OpenAsync(_broker.Port));
            _connections[name] = connection;
        }

        return connection;
    }

    private sealed class Connection(RawMqttConnection raw)
    {
        public RawMqttConnection Raw { get; } = raw;

        public bool Closed { get; set; }

        public ushort LastPublishId { get; set; }

        /// <summary>The next packet, or null when the broker closed the connection; throws at the deadline.</summary>
        public async Task<MqttPacket?> ReceiveOrNullAsync()
        {
            try
            {
                return await Raw.ReceiveAsync();
            }
            catch (IOException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nothing arrived within {Eventually.Deadline}");
            }
        }
    }
}
