using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Outbox;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>
/// The DeviceTwin module on the bus: runs each message through <see cref="DeviceTwinService"/> (one at a time, so
/// twin read-modify-write cycles never interleave), hands MQTT publications to the bus group (EventBus), wakes the
/// outbox dispatcher, and answers synchronous requests with the <see cref="TwinOutcome"/> once it is committed —
/// EdgeHub acknowledges a cloud message only after that answer.
/// </summary>
public sealed class DeviceTwinModule(ModuleBus bus, DeviceTwinService service, OutboxDispatcher outbox, bool enabled = true) : IModule
{
    /// <inheritdoc />
    public string Name => ModuleNames.DeviceTwin;

    /// <inheritdoc />
    public string Group => ModuleNames.TwinGroup;

    /// <inheritdoc />
    public bool Enabled => enabled;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await bus.ReceiveAsync(Name, cancellationToken).ConfigureAwait(false);
            if (LinkEvents.IsLinkEvent(message))
            {
                // Twin works the same online and offline: reports wait in the outbox.
                continue;
            }

            await HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one bus message; exposed for tests and for a host that drives the module directly.</summary>
    public async Task<TwinOutcome> HandleAsync(BusMessage message, CancellationToken cancellationToken)
    {
        var outcome = message.Operation switch
        {
            TwinOperations.MqttMessage => await service.HandleMqttAsync(message.Resource, AsPayload(message.Content), cancellationToken).ConfigureAwait(false),
            TwinOperations.CloudTwinUpdate when message.Content is IReadOnlyDictionary<string, MsgTwin?> twin =>
                await service.ApplyCloudTwinAsync(message.Resource, twin, cancellationToken).ConfigureAwait(false),
            TwinOperations.MembershipUpdate when message.Content is MembershipUpdate membership =>
                await service.ApplyMembershipAsync(membership, cancellationToken).ConfigureAwait(false),
            TwinOperations.DeviceUpdated when message.Content is MsgDevice device =>
                await service.ApplyDeviceUpdatedAsync(device, cancellationToken).ConfigureAwait(false),
            _ => new TwinOutcome([], [], [new TwinRejection(null, 400, $"DeviceTwin does not understand {message.Operation} with {message.Content?.GetType().Name ?? "no content"}")]),
        };

        if (outcome.Outbox.Count > 0)
        {
            outbox.NotifyAppended();
        }

        foreach (var publication in outcome.Publications)
        {
            await bus.SendToGroupAsync(ModuleNames.BusGroup,
                BusMessage.Create(Name, ModuleNames.BusGroup, TwinOperations.Publish, publication.Topic, publication.Payload, bus.Time), cancellationToken).ConfigureAwait(false);
        }

        if (message.Operation != TwinOperations.MqttMessage)
        {
            await bus.RespondAsync(message, message.CreateResponse(Name, outcome, bus.Time), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    private static ReadOnlyMemory<byte> AsPayload(object? content) => content switch
    {
        ReadOnlyMemory<byte> memory => memory,
        byte[] bytes => bytes,
        string text => System.Text.Encoding.UTF8.GetBytes(text),
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
