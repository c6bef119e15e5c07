using System.Net;
using EdgeHive.Edge.Mqtt;
using EdgeHive.Edge.Mqtt.Diagnostics;
using EdgeHive.Edge.Mqtt.Server;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>The default bridge: runs Edge.Mqtt's embedded broker and uses its in-process host API.</summary>
internal sealed class EmbeddedMqttBridge(MqttBrokerOptions options, TimeProvider time, IMqttLogger logger) : IMqttBridge
{
    private readonly MqttBroker _broker = new(options, time, logger);
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Raised with the client id after a client connected.</summary>
    public event Action<string>? ClientConnected
    {
        add => _broker.ClientConnected += value;
        remove => _broker.ClientConnected -= value;
    }

    /// <summary>Raised with the client id after a client's connection ended.</summary>
    public event Action<string>? ClientDisconnected
    {
        add => _broker.ClientDisconnected += value;
        remove => _broker.ClientDisconnected -= value;
    }

    public (string Host, int Port) LocalEndpoint
    {
        get
        {
            var endPoint = _broker.LocalEndPoint ?? throw new InvalidOperationException("The embedded broker is not started.");

            // A wildcard listener is reachable on loopback; a specific address only on itself.
            var address = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endPoint.Address;
            return (address.ToString(), endPoint.Port);
        }
    }

    public async Task StartAsync(IReadOnlyList<string> filters, Func<MqttApplicationMessage, CancellationToken, ValueTask> received, CancellationToken cancellationToken)
    {
        foreach (var filter in filters)
        {
            _subscriptions.Add(_broker.Subscribe(filter, received));
        }

        await _broker.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _broker.PublishAsync(message, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        await _broker.DisposeAsync().ConfigureAwait(false);
    }
}
