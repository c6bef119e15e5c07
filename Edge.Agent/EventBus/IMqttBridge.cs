using MQTTnet;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>The broker side of the EventBus: the embedded broker or a client of an external broker.</summary>
internal interface IMqttBridge : IAsyncDisposable
{
    /// <summary>Host and port where local MQTT clients (mappers) reach the broker; valid after start.</summary>
    (string Host, int Port) LocalEndpoint { get; }

    /// <summary>Starts the broker (or connects) and subscribes to <paramref name="filters"/>; messages go to <paramref name="received"/>.</summary>
    Task StartAsync(IReadOnlyList<string> filters, Func<MqttApplicationMessage, CancellationToken, ValueTask> received, CancellationToken cancellationToken);

    /// <summary>Publishes one message. Must not wait for an absent broker: the EventBus loop serves everyone.</summary>
    ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
