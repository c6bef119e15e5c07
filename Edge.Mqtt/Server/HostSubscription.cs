namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>An in-process subscriber (the agent's EventBus); disposing it unsubscribes.</summary>
internal sealed class HostSubscription : IDisposable
{
    private readonly MqttBroker _broker;

    public HostSubscription(MqttBroker broker, string filter, Func<MqttApplicationMessage, CancellationToken, ValueTask> handler)
    {
        _broker = broker;
        Filter = filter;
        Handler = handler;
    }

    public string Filter { get; }

    public Func<MqttApplicationMessage, CancellationToken, ValueTask> Handler { get; }

    public void Dispose() => _broker.RemoveHostSubscription(this);
}
