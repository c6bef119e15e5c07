using EdgeHive.Edge.Mqtt;
using EdgeHive.Edge.Mqtt.Client;
using EdgeHive.Edge.Mqtt.Diagnostics;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>
/// <c>--mqtt tcp://host:port</c>: a persistent-session client of an external broker (mosquitto). The first connect is
/// retried with backoff until the broker answers (the agent starts even when mosquitto starts later); after that the
/// client reconnects by itself and the broker keeps subscriptions and QoS 1 messages while the agent is away.
/// </summary>
internal sealed partial class ExternalMqttBridge : IMqttBridge
{
    private readonly MqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _pendingPublishes;

    public ExternalMqttBridge(MqttClientOptions options, TimeProvider time, IMqttLogger mqttLogger, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _client = new MqttClient(options, time, mqttLogger);
    }

    public (string Host, int Port) LocalEndpoint => (_options.Host, _options.Port);

    public async Task StartAsync(IReadOnlyList<string> filters, Func<MqttApplicationMessage, CancellationToken, ValueTask> received, CancellationToken cancellationToken)
    {
        _client.MessageReceived = received;
        var backoff = new ReconnectBackoff(new BackoffOptions { Initial = _options.ReconnectMinDelay, Max = _options.ReconnectMaxDelay });
        while (true)
        {
            try
            {
                await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogBrokerUnreachable(_options.Host, _options.Port, delay, ex.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var filter in filters)
        {
            await _client.SubscribeAsync(filter, MqttQualityOfService.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        }

        LogBrokerConnected(_options.Host, _options.Port, _options.ClientId);
    }

    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        // QoS 1 completes on PUBACK, which may be far off while the broker is down; the client keeps (and re-sends)
        // up to MaxPendingPublishes, so the EventBus loop does not wait for it.
        Interlocked.Increment(ref _pendingPublishes);
        _ = ObserveAsync(_client.PublishAsync(message, cancellationToken), message.Topic);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync().ConfigureAwait(false);

    private async Task ObserveAsync(Task publish, string topic)
    {
        try
        {
            await publish.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPublishFailed(topic, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _pendingPublishes);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} is unreachable, retrying in {Delay}: {Reason}")]
    private partial void LogBrokerUnreachable(string host, int port, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId} (persistent session)")]
    private partial void LogBrokerConnected(string host, int port, string clientId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Publishing to {Topic} failed: {Reason}")]
    private partial void LogPublishFailed(string topic, string reason);
}
