using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.EventBus.Broker;
using EdgeHive.Edge.Agent.Serialization;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>
/// KubeEdge's EventBus: bridges MQTT and the module bus. Messages on <see cref="DeviceTopics.Subscriptions"/> go to
/// DeviceTwin (which also turns <c>$hw/events/upload/#</c> into outbox entries for the cloud); what the bus sends
/// here as <see cref="TwinOperations.Publish"/> is published. With the embedded broker (default) it also publishes
/// <c>$hw/events/connected/{clientId}</c> and <c>$hw/events/disconnected/{clientId}</c> for client lifecycle.
/// </summary>
public sealed partial class EventBusModule : IModule
{
    private readonly ModuleBus _bus;
    private readonly MqttEndpoint _endpoint;
    private readonly string _nodeName;
    private readonly EventBusOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<EventBusModule> _logger;
    private readonly TaskCompletionSource<(string Host, int Port)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<MqttApplicationMessage> _lifecycle;

    /// <summary>Creates the module; the broker starts (or is connected) in <see cref="StartAsync"/>.</summary>
    public EventBusModule(ModuleBus bus, MqttEndpoint endpoint, string nodeName, EventBusOptions options, TimeProvider time, ILoggerFactory loggers, bool enabled = true)
    {
        _bus = bus;
        _endpoint = endpoint;
        _nodeName = nodeName;
        _options = options;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<EventBusModule>();
        Enabled = enabled;
        _lifecycle = Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(options.LifecycleQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
    }

    /// <inheritdoc />
    public string Name => ModuleNames.EventBus;

    /// <inheritdoc />
    public string Group => ModuleNames.BusGroup;

    /// <inheritdoc />
    public bool Enabled { get; }

    /// <summary>The embedded broker once started (null with <c>--mqtt tcp://…</c>); its drop counters are metrics.</summary>
    public EmbeddedMqttBroker? Broker { get; private set; }

    /// <summary>Completes with the host and port local MQTT clients use, once the broker runs (or is connected).</summary>
    public Task<(string Host, int Port)> Ready => _ready.Task;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var bridge = CreateBridge();
        try
        {
            // The inbox is drained from the start, so DeviceTwin never blocks on us while an external broker is away.
            var publishing = PublishLoopAsync(bridge, cancellationToken);
            await bridge.StartAsync(DeviceTopics.Subscriptions, ForwardAsync, cancellationToken).ConfigureAwait(false);
            var local = bridge.LocalEndpoint;
            LogStarted(_endpoint.ToString(), local.Host, local.Port);
            _ready.TrySetResult(local);
            await Task.WhenAll(publishing, LifecycleLoopAsync(bridge, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
    }

    private IMqttBridge CreateBridge()
    {
        if (_endpoint.Mode == MqttMode.External)
        {
            return new ExternalMqttBridge(_endpoint.Host, _endpoint.Port, _options.ClientId ?? "edgehive-agent-" + _nodeName, _options, _time, _loggers);
        }

        var brokerOptions = new EmbeddedBrokerOptions
        {
            Address = ResolveListenAddress(_endpoint.Host),
            Port = _endpoint.Port,
            MaxPacketSize = _options.MaxPacketSize,
            MaxConnections = _options.MaxConnections,
            MaxPendingMessagesPerClient = _options.MaxPendingMessagesPerClient,
        };
        var embedded = new EmbeddedMqttBroker(brokerOptions, _loggers);
        embedded.ClientConnected += id => QueueLifecycle("$hw/events/connected/", id);
        embedded.ClientDisconnected += id => QueueLifecycle("$hw/events/disconnected/", id);
        Broker = embedded;
        return embedded;
    }

    private async ValueTask ForwardAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        // The edge's own publications (results, delta, cloud_updated) match the twin filters too; they are not requests.
        if (DeviceTopics.Parse(message.Topic).Kind == TopicKind.Ignored)
        {
            return;
        }

        // The payload buffer belongs to the connection; DeviceTwin reads it later, so it gets its own copy.
        var forward = BusMessage.Create(Name, ModuleNames.TwinGroup, TwinOperations.MqttMessage, message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), _time);
        await _bus.SendAsync(ModuleNames.DeviceTwin, forward, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishLoopAsync(IMqttBridge bridge, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await _bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
            if (message.Operation != TwinOperations.Publish || !_ready.Task.IsCompletedSuccessfully)
            {
                if (message.Operation == TwinOperations.Publish)
                {
                    LogDroppedBeforeStart(message.Resource);
                }

                continue;
            }

            var payload = message.Content switch
            {
                byte[] bytes => bytes,
                ReadOnlyMemory<byte> memory => memory.ToArray(),
                string text => System.Text.Encoding.UTF8.GetBytes(text),
                _ => [],
            };
            try
            {
                var publication = new MqttApplicationMessageBuilder()
                    .WithTopic(message.Resource).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                await bridge.PublishAsync(publication, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPublishFailed(ex, message.Resource);
            }
        }
    }

    private async Task LifecycleLoopAsync(IMqttBridge bridge, CancellationToken cancellationToken)
    {
        await foreach (var notice in _lifecycle.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await bridge.PublishAsync(notice, cancellationToken).ConfigureAwait(false);
        }
    }

    private void QueueLifecycle(string prefix, string clientId)
    {
        var topic = prefix + clientId;
        if (clientId.Length == 0 || !EmbeddedMqttBroker.IsValidTopicName(topic))
        {
            return;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new EventRequest { EventId = "", Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() }, AgentJsonContext.Default.EventRequest);
        _lifecycle.Writer.TryWrite(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build());
    }

    private static IPAddress ResolveListenAddress(string host) =>
        host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host.Trim('[', ']'), out var address) => address,
            _ => Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new ArgumentException($"--mqtt: cannot resolve '{host}' to an address to listen on."),
        };

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "EventBus on {Endpoint}: local MQTT clients use {Host}:{Port}")]
    private partial void LogStarted(string endpoint, string host, int port);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Publishing to {Topic} failed")]
    private partial void LogPublishFailed(Exception exception, string topic);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "Dropped a publication to {Topic}: the broker is not up yet")]
    private partial void LogDroppedBeforeStart(string topic);
}
