using System.Threading.Channels;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Edge.Protocol;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>
/// <c>--mqtt tcp://host:port</c>: an MQTTnet client of an external broker (mosquitto) with a persistent session
/// (CleanSession 0). Connecting is retried with backoff until the broker answers, and again after every loss, so the
/// agent starts before mosquitto and outlives its restarts; the broker keeps the subscriptions and QoS 1 messages
/// while the agent is away. Publications wait in a queue of <see cref="EventBusOptions.ExternalQueueCapacity"/> until
/// the broker acknowledges them; a message is dropped only from a full queue, and then logged (event 6104).
/// </summary>
internal sealed partial class ExternalMqttBridge : IMqttBridge
{
    private readonly MqttClientOptions _options;
    private readonly string _host;
    private readonly int _port;
    private readonly EventBusOptions _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _outgoing;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _lost = new(0, 1);
    private IReadOnlyList<string> _filters = [];
    private Task _loops = Task.CompletedTask;
    private long _dropped;

    public ExternalMqttBridge(string host, int port, string clientId, EventBusOptions settings, TimeProvider time, ILoggerFactory loggers)
    {
        _host = host;
        _port = port;
        _settings = settings;
        _time = time;
        _logger = loggers.CreateLogger<ExternalMqttBridge>();
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanSession(false)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _client = new MqttClientFactory(new MqttNetLogger(loggers.CreateLogger("EdgeHive.Edge.Agent.Mqtt.Client"))).CreateMqttClient();
        _client.DisconnectedAsync += _ =>
        {
            if (_lost.CurrentCount == 0)
            {
                try
                {
                    _lost.Release();
                }
                catch (SemaphoreFullException)
                {
                }
            }

            return Task.CompletedTask;
        };
        _outgoing = Channel.CreateBounded<MqttApplicationMessage>(
            new BoundedChannelOptions(settings.ExternalQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                LogQueueFull(dropped.Topic, settings.ExternalQueueCapacity);
            });
    }

    public (string Host, int Port) LocalEndpoint => (_host, _port);

    /// <summary>Publications dropped because the queue to the external broker was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public async Task StartAsync(IReadOnlyList<string> filters, Func<MqttApplicationMessage, CancellationToken, ValueTask> received, CancellationToken cancellationToken)
    {
        _filters = filters;
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            // MQTTnet acknowledges a QoS 1 message when this returns, so the message is handed on first.
            try
            {
                await received(e.ApplicationMessage, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                e.ProcessingFailed = true;
            }
        };
        await ConnectUntilUpAsync(cancellationToken).ConfigureAwait(false);
        LogBrokerConnected(_host, _port, _options.ClientId);
        _loops = Task.WhenAll(
            Task.Run(() => ReconnectLoopAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => SendLoopAsync(_stopping.Token), CancellationToken.None));
    }

    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        _outgoing.Writer.TryWrite(message);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loops.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
            {
            }
        }

        _client.Dispose();
        _lost.Dispose();
        _stopping.Dispose();
    }

    private async Task ConnectUntilUpAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(new BackoffOptions { Initial = _settings.Reconnect.Min, Max = _settings.Reconnect.Max });
        while (true)
        {
            try
            {
                var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
                if (!result.IsSessionPresent)
                {
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in _filters)
                    {
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogBrokerUnreachable(_host, _port, delay, ex.Message);
                if (_client.IsConnected)
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReconnectLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _lost.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (_client.IsConnected)
                {
                    continue;
                }

                LogBrokerLost(_host, _port);
                await ConnectUntilUpAsync(cancellationToken).ConfigureAwait(false);
                LogBrokerConnected(_host, _port, _options.ClientId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var retry = new ReconnectBackoff(new BackoffOptions { Initial = TimeSpan.FromMilliseconds(50), Max = _settings.Reconnect.Max });
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // The same message is retried until the broker acknowledges it: order is kept and nothing is skipped.
                while (true)
                {
                    try
                    {
                        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                        if (!result.IsSuccess)
                        {
                            LogPublishRefused(message.Topic, result.ReasonCode.ToString());
                        }

                        retry.Reset();
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        var delay = retry.Next();
                        LogPublishFailed(message.Topic, delay, ex.Message);
                        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} is unreachable, retrying in {Delay}: {Reason}")]
    private partial void LogBrokerUnreachable(string host, int port, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port} as {ClientId} (persistent session)")]
    private partial void LogBrokerConnected(string host, int port, string clientId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Debug, Message = "Publishing to {Topic} failed, retrying in {Delay}: {Reason}")]
    private partial void LogPublishFailed(string topic, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "The queue to the external MQTT broker is full ({Capacity}): dropped the oldest publication, to {Topic}")]
    private partial void LogQueueFull(string topic, int capacity);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Lost the MQTT broker {Host}:{Port}; reconnecting")]
    private partial void LogBrokerLost(string host, int port);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "The MQTT broker refused a publication to {Topic}: {Reason}")]
    private partial void LogPublishRefused(string topic, string reason);
}
