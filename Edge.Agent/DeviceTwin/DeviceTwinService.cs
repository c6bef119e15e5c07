using System.Text.Json;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>
/// KubeEdge's DeviceTwin over the agent store, without MQTT: a message from a device (topic + payload) goes in; the
/// store changes and outbox entries are committed; the MQTT publications come out. Every request topic gets an answer
/// on its <c>/result</c> topic, errors included (400 bad request, 404 unknown device, 409 stale version, 500 failure).
/// Cloud-originated changes are in <c>DeviceTwinService.Cloud.cs</c>.
/// </summary>
public sealed partial class DeviceTwinService
{
    private static readonly string[] ValidStates = ["online", "offline", "ok", "unknown", "unhealthy"];

    private readonly DeviceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<DeviceTwinService> _logger;
    private readonly Func<OutboxDraft, string?>? _upstreamRefusal;

    /// <summary>Creates the service for node <paramref name="nodeName"/>.</summary>
    /// <param name="store">Devices, twins and the outbox.</param>
    /// <param name="nodeName">The node.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="upstreamRefusal">Says why an outbox entry could never be sent to the cloud (null: it can);
    /// such an upload is refused with 413 where it enters instead of being queued.</param>
    public DeviceTwinService(DeviceStore store, string nodeName, TimeProvider time, ILogger<DeviceTwinService> logger, Func<OutboxDraft, string?>? upstreamRefusal = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        _store = store;
        NodeName = nodeName;
        _time = time;
        _logger = logger;
        _upstreamRefusal = upstreamRefusal;
    }

    /// <summary>The node whose devices this service serves.</summary>
    public string NodeName { get; }

    /// <summary>Handles one MQTT message published by a device, mapper or app.</summary>
    public async Task<TwinOutcome> HandleMqttAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var parsed = DeviceTopics.Parse(topic);
        try
        {
            return parsed.Kind switch
            {
                TopicKind.TwinUpdate => await TwinUpdateAsync(parsed, payload, cancellationToken).ConfigureAwait(false),
                TopicKind.TwinGet => await TwinGetAsync(parsed, payload, cancellationToken).ConfigureAwait(false),
                TopicKind.StateUpdate => await StateUpdateAsync(parsed, payload, cancellationToken).ConfigureAwait(false),
                TopicKind.MembershipGet => await MembershipGetAsync(parsed, payload, cancellationToken).ConfigureAwait(false),
                TopicKind.Upload => await UploadAsync(parsed, payload, cancellationToken).ConfigureAwait(false),
                TopicKind.Malformed => Error(parsed, "", 400, $"the device id '{parsed.DeviceIdText}' in the topic is neither {{namespace}}/{{name}} nor {{name}}"),
                _ => TwinOutcome.None,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (parsed.Kind != TopicKind.Upload)
        {
            // Never silence: a failure of the store (or a bug) still answers the device.
            LogRequestFailed(ex, parsed.Kind, topic);
            return Error(parsed, ReadEventId(payload), 500, "the edge could not process the request: " + ex.Message);
        }
    }

    private async Task<TwinOutcome> TwinUpdateAsync(DeviceTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!TryRead(payload, AgentJsonContext.Default.DeviceTwinUpdate, allowEmpty: false, out var request, out var parseError))
        {
            return Error(topic, "", 400, parseError);
        }

        if (request.Twin is null)
        {
            return Error(topic, request.EventId, 400, "the update has no 'twin'");
        }

        var (device, notFound) = await ResolveAsync(topic, request.EventId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return notFound!;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var current = (await _store.GetTwinsAsync(device.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var decision = TwinRules.ApplyDeviceUpdate(current, request.Twin, now);
        if (decision.Rejections.Count > 0)
        {
            var rejection = decision.Rejections[0];
            LogTwinUpdateRejected(device.Id, rejection.Code, rejection.Reason);
            return Error(topic, request.EventId, rejection.Code, rejection.Reason);
        }

        var outbox = await CommitTwinChangesAsync(device.Id, decision.Changes, reportUpstream: true, now, cancellationToken).ConfigureAwait(false);
        foreach (var change in decision.Changes)
        {
            current[change.After.Name] = change.After;
        }

        var resultTwin = new Dictionary<string, MsgTwin?>(StringComparer.Ordinal);
        foreach (var name in request.Twin.Keys)
        {
            if (current.TryGetValue(name, out var p) && !p.Deleted)
            {
                resultTwin[name] = TwinConvert.ToMessage(p, withVersions: false);
            }
        }

        var publications = new List<MqttPublication>
        {
            new(topic.ResultTopic, Serialize(new DeviceTwinUpdate { EventId = request.EventId, Timestamp = now, Twin = resultTwin }, AgentJsonContext.Default.DeviceTwinUpdate)),
        };
        if (decision.Changes.Count > 0)
        {
            publications.Add(DocumentPublication(topic.DeviceIdText!, decision.Changes, now));
            if (DeltaPublication(topic.DeviceIdText!, current.Values, now) is { } delta)
            {
                publications.Add(delta);
            }
        }

        return new TwinOutcome(publications, outbox, []);
    }

    private async Task<TwinOutcome> TwinGetAsync(DeviceTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!TryRead(payload, AgentJsonContext.Default.EventRequest, allowEmpty: true, out var request, out var parseError))
        {
            return Error(topic, "", 400, parseError);
        }

        var (device, notFound) = await ResolveAsync(topic, request.EventId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return notFound!;
        }

        var twins = await _store.GetTwinsAsync(device.Id, cancellationToken).ConfigureAwait(false);
        var result = new DeviceTwinUpdate { EventId = request.EventId, Timestamp = Now(), Twin = TwinConvert.ToLiveTwin(twins, withVersions: false) };
        return new TwinOutcome([new MqttPublication(topic.ResultTopic, Serialize(result, AgentJsonContext.Default.DeviceTwinUpdate))], [], []);
    }

    private async Task<TwinOutcome> StateUpdateAsync(DeviceTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!TryRead(payload, AgentJsonContext.Default.DeviceStateUpdate, allowEmpty: false, out var request, out var parseError))
        {
            return Error(topic, "", 400, parseError);
        }

        var state = request.State?.Trim().ToLowerInvariant();
        if (state is null || !ValidStates.Contains(state))
        {
            return Error(topic, request.EventId, 400, $"the state '{request.State}' is not one of {string.Join(", ", ValidStates)}");
        }

        var (device, notFound) = await ResolveAsync(topic, request.EventId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return notFound!;
        }

        var now = _time.GetUtcNow();
        var lastOnline = state is "online" or "ok" ? TwinConvert.Rfc3339(now) : device.LastOnline;
        var changes = new DeviceChanges();
        changes.Devices.Add(device with { State = state, LastOnline = lastOnline });
        var report = new StateReport { Device = device.Id, State = state, LastOnline = lastOnline, Timestamp = now.ToUnixTimeMilliseconds() };

        // A state change is never coalesced; a repeated state is only a liveness beat and keeps just the newest one.
        var coalesceKey = string.Equals(state, device.State, StringComparison.Ordinal) ? "state:" + device.Id : null;
        var outbox = await _store.ApplyAsync(changes,
            [new OutboxDraft(OutboxKinds.DeviceState, coalesceKey, JsonSerializer.Serialize(report, AgentJsonContext.Default.StateReport))],
            cancellationToken).ConfigureAwait(false);

        var result = new DeviceStateResult
        {
            EventId = request.EventId,
            Timestamp = now.ToUnixTimeMilliseconds(),
            Device = new DeviceStateInfo { Name = device.Name, State = state, LastOnlineTime = lastOnline },
        };
        return new TwinOutcome([new MqttPublication(topic.ResultTopic, Serialize(result, AgentJsonContext.Default.DeviceStateResult))], outbox, []);
    }

    private async Task<TwinOutcome> MembershipGetAsync(DeviceTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!TryRead(payload, AgentJsonContext.Default.EventRequest, allowEmpty: true, out var request, out var parseError))
        {
            return Error(topic, "", 400, parseError);
        }

        if (!string.Equals(topic.Node, NodeName, StringComparison.Ordinal))
        {
            return Error(topic, request.EventId, 404, $"node '{topic.Node}' is not this node ('{NodeName}')");
        }

        var devices = new List<MsgDevice>();
        foreach (var d in await _store.ListDevicesAsync(cancellationToken).ConfigureAwait(false))
        {
            var attributes = await _store.GetAttributesAsync(d.Id, cancellationToken).ConfigureAwait(false);
            devices.Add(new MsgDevice
            {
                Id = d.Id,
                Name = d.Name,
                Description = d.Description,
                State = d.State,
                LastOnline = d.LastOnline,
                Attributes = attributes.ToDictionary(a => a.Name, a => (MsgAttr?)TwinConvert.ToMessage(a), StringComparer.Ordinal),
            });
        }

        var result = new MembershipGetResult { EventId = request.EventId, Timestamp = Now(), Devices = devices };
        return new TwinOutcome([new MqttPublication(topic.ResultTopic, Serialize(result, AgentJsonContext.Default.MembershipGetResult))], [], []);
    }

    private async Task<TwinOutcome> UploadAsync(DeviceTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var report = new EventReport { Topic = topic.Topic, Payload = payload.ToArray(), Timestamp = Now() };
        var draft = new OutboxDraft(OutboxKinds.Event, null, JsonSerializer.Serialize(report, AgentJsonContext.Default.EventReport));
        if (_upstreamRefusal?.Invoke(draft) is { } refusal)
        {
            // Refused where it enters: queued, it could never be sent, and it would sit before every later entry.
            LogUploadRefused(topic.Topic, payload.Length, refusal);
            AgentMetrics.AddUpstreamDropped("too_large");
            return Error(topic, ReadEventId(payload), 413, "the upload is too large for the cloud: " + refusal);
        }

        var outbox = await _store.ApplyAsync(new DeviceChanges(), [draft], cancellationToken).ConfigureAwait(false);
        return new TwinOutcome([], outbox, []);
    }
}
