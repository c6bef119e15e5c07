using System.Text.Json;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeHive.Edge.Agent.Mapper;

/// <summary>
/// A simulated-device mapper that behaves like a KubeEdge mapper over MQTT: it connects to the agent's broker as an
/// ordinary client, publishes <c>$hw/events/device/{ns}/{name}/twin/update</c> with changing readings for the devices
/// bound to the node, and applies desired values it receives on <c>…/twin/update/delta</c> by reporting them back as
/// actual values — so a demo shows live data and working desired state without hardware.
/// </summary>
public sealed partial class SimulatedMapperModule(
    ModuleBus bus,
    Func<Task<(string Host, int Port)>> brokerEndpoint,
    DeviceStore devices,
    string nodeName,
    MapperOptions options,
    TimeProvider time,
    ILogger<SimulatedMapperModule> logger) : IModule
{
    private const string DeltaFilter = "$hw/events/device/+/+/twin/update/delta";

    private readonly ILogger<SimulatedMapperModule> _logger = logger;
    private readonly SimulatedReadings _readings = new(options.Seed is { } seed ? new Random(seed) : new Random());
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _linkUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public string Name => ModuleNames.Mapper;

    /// <inheritdoc />
    public string Group => ModuleNames.UserGroup;

    /// <inheritdoc />
    public bool Enabled => options.DeviceCount > 0;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The inbox only carries link notices; drain it so group sends never wait on this module, and note the first up.
        var drain = DrainInboxAsync(cancellationToken);
        var (host, port) = await brokerEndpoint().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!await CloudReachedAsync(cancellationToken).ConfigureAwait(false))
        {
            await BindSyntheticDevicesAsync(cancellationToken).ConfigureAwait(false);
        }

        var clientOptions = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("edgehive-mapper-" + nodeName)
            .WithCleanSession(true).WithProtocolVersion(MqttProtocolVersion.V311).Build();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnDeltaAsync(client, e.ApplicationMessage, cancellationToken).AsTask();
        await EnsureConnectedAsync(client, clientOptions, cancellationToken).ConfigureAwait(false);
        LogStarted(host, port, options.DeviceCount, options.Interval);

        using var timer = new PeriodicTimer(options.Interval, time);
        var online = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            // Like a mapper that lost its broker: it reconnects on the next tick and carries on.
            if (!await EnsureConnectedAsync(client, clientOptions, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var bound = await devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var device in bound.Take(options.DeviceCount))
            {
                // As a mapper does when it reaches a device: the cloud then shows it online with a last-online time.
                if (!string.Equals(device.State, "online", StringComparison.Ordinal) && !online.Contains(device.Id) &&
                    await PublishStateAsync(client, device.Id, "online", cancellationToken).ConfigureAwait(false))
                {
                    online.Add(device.Id);
                }

                Dictionary<string, string> reading;
                lock (_gate)
                {
                    reading = _readings.Next(device.Id);
                }

                await PublishAsync(client, device.Id, reading, cancellationToken).ConfigureAwait(false);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));

        await drain.ConfigureAwait(false);
    }

    private static async Task<bool> EnsureConnectedAsync(IMqttClient client, MqttClientOptions clientOptions, CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return true;
        }

        try
        {
            await client.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(DeltaFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MqttCommunicationException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the cloud link came up within <see cref="MapperOptions.OfflineGrace"/>: the cloud then decides which
    /// devices are bound (membership), and inventing devices it does not know would only send it readings it refuses.
    /// </summary>
    private async Task<bool> CloudReachedAsync(CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(options.OfflineGrace);
        try
        {
            await _linkUp.Task.WaitAsync(grace.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task DrainInboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
                if (message.Operation == LinkEvents.Up)
                {
                    _linkUp.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task BindSyntheticDevicesAsync(CancellationToken cancellationToken)
    {
        if ((await devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var update = new MembershipUpdate();
        for (var i = 1; i <= options.DeviceCount; i++)
        {
            var twin = SimulatedReadings.Sensors.Keys.ToDictionary(
                name => name, _ => (MsgTwin?)new MsgTwin { Metadata = new TypeMetadata { Type = "float" } }, StringComparer.Ordinal);
            update.AddedDevices.Add(new MsgDevice { Id = $"default/sim-{i}", Name = $"sim-{i}", Description = "simulated device", Twin = twin });
        }

        var request = BusMessage.Create(Name, ModuleNames.TwinGroup, TwinOperations.MembershipUpdate, nodeName, update, time);
        await bus.SendSyncAsync(ModuleNames.DeviceTwin, request, null, cancellationToken).ConfigureAwait(false);
        LogBoundSynthetic(options.DeviceCount);
    }

    private async ValueTask OnDeltaAsync(IMqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        const string suffix = "/twin/update/delta";
        var id = message.Topic[DeviceTopics.DevicePrefix.Length..^suffix.Length];
        DeviceTwinDelta? delta;
        try
        {
            var reader = new Utf8JsonReader(message.Payload);
            delta = JsonSerializer.Deserialize(ref reader, AgentJsonContext.Default.DeviceTwinDelta);
        }
        catch (JsonException)
        {
            return;
        }

        if (delta is not { Delta.Count: > 0 })
        {
            return;
        }

        lock (_gate)
        {
            _readings.Apply(id, delta.Delta);
        }

        LogApplied(id, string.Join(",", delta.Delta.Keys));

        // A real device applies the setting and reports the new actual value right away.
        await PublishAsync(client, id, delta.Delta, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PublishStateAsync(IMqttClient client, string deviceId, string state, CancellationToken cancellationToken)
    {
        var update = new DeviceStateUpdate { EventId = "", Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(), State = state };
        var payload = JsonSerializer.SerializeToUtf8Bytes(update, AgentJsonContext.Default.DeviceStateUpdate);
        try
        {
            await client.PublishAsync(Message(DeviceTopics.DevicePrefix + deviceId + "/state/update", payload), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MqttCommunicationException)
        {
            // Reconnecting; the state is published again on the next tick.
            return false;
        }
    }

    private static MqttApplicationMessage Message(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build();

    private static async Task PublishAsync(IMqttClient client, string deviceId, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var update = new DeviceTwinUpdate
        {
            EventId = "",
            Timestamp = 0,
            Twin = values.ToDictionary(
                v => v.Key,
                v => (MsgTwin?)new MsgTwin { Actual = new TwinValue { Value = v.Value }, Metadata = new TypeMetadata { Type = "Updated" } },
                StringComparer.Ordinal),
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(update, AgentJsonContext.Default.DeviceTwinUpdate);
        try
        {
            await client.PublishAsync(Message(DeviceTopics.DevicePrefix + deviceId + "/twin/update", payload), cancellationToken).ConfigureAwait(false);
        }
        catch (MqttCommunicationException)
        {
            // The client reconnects by itself; a simulated reading can be skipped.
        }
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Simulated mapper on {Host}:{Port}: up to {Count} devices, a reading every {Interval}")]
    private partial void LogStarted(string host, int port, int count, TimeSpan interval);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "No device is bound to this node: bound {Count} synthetic devices (default/sim-1…) for the simulation")]
    private partial void LogBoundSynthetic(int count);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug, Message = "Simulated device {Device} applied desired {Properties}")]
    private partial void LogApplied(string device, string properties);
}
