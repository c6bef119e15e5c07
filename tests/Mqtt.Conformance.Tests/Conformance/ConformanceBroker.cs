using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Mqtt.Conformance.Tests.Infrastructure;

namespace EdgeHive.Mqtt.Conformance.Tests.Conformance;

/// <summary>A fresh broker of one kind per scenario, so retained messages and sessions never leak between scenarios.</summary>
internal sealed class ConformanceBroker : IAsyncDisposable
{
    private readonly MosquittoBroker? _mosquitto;
    private readonly EmbeddedMqttBroker? _embedded;

    private ConformanceBroker(MosquittoBroker? mosquitto, EmbeddedMqttBroker? embedded)
    {
        _mosquitto = mosquitto;
        _embedded = embedded;
    }

    public BrokerKind Kind => _embedded is null ? BrokerKind.Mosquitto : BrokerKind.Embedded;

    public int Port => _embedded?.Port ?? _mosquitto!.Port;

    public static async Task<ConformanceBroker> StartAsync(BrokerKind kind)
    {
        if (kind == BrokerKind.Mosquitto)
        {
            var mosquitto = new MosquittoBroker();
            await mosquitto.InitializeAsync();
            return new ConformanceBroker(mosquitto, null);
        }

        var broker = new EmbeddedMqttBroker(new EmbeddedBrokerOptions { Port = 0 }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await broker.StartAsync();
        return new ConformanceBroker(null, broker);
    }

    /// <summary>
    /// After a connection closed: waits until the broker finished with it (will handled, session detached). Our broker
    /// publishes a will after the socket is gone, so a marker sent right after the close could overtake a wrong will
    /// and hide it; mosquitto sends the will before it closes the socket, so there is nothing to wait for.
    /// </summary>
    public Task WaitSettledAsync(int openConnections) =>
        _embedded is { } broker
            ? Eventually.TrueAsync(() => broker.ConnectionCount <= openConnections, $"broker down to {openConnections} connections")
            : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }
    }
}
