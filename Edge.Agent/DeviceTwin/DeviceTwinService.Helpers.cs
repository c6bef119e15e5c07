using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

public sealed partial class DeviceTwinService
{
    /// <summary>
    /// Finds the device a topic names. The older single-segment form resolves by name when exactly one bound device
    /// has it; a name used in several namespaces is ambiguous (400) and needs the <c>{namespace}/{name}</c> form.
    /// </summary>
    private async Task<(DeviceRecord? Device, TwinOutcome? Error)> ResolveAsync(DeviceTopic topic, string eventId, CancellationToken cancellationToken)
    {
        if (topic.Namespace is not null)
        {
            var id = DeviceRecord.MakeId(topic.Namespace, topic.Name!);
            var device = await _store.GetDeviceAsync(id, cancellationToken).ConfigureAwait(false);
            return device is null ? (null, Error(topic, eventId, 404, $"device '{id}' is not bound to node '{NodeName}'")) : (device, null);
        }

        var matches = await _store.FindByNameAsync(topic.Name!, cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            1 => (matches[0], null),
            0 => (null, Error(topic, eventId, 404, $"device '{topic.Name}' is not bound to node '{NodeName}'")),
            _ => (null, Error(topic, eventId, 400,
                $"device name '{topic.Name}' is ambiguous ({string.Join(", ", matches.Select(m => m.Id))}); use $hw/events/device/{{namespace}}/{{name}}/...")),
        };
    }

    /// <summary>Writes twin changes, with one outbox report per changed property when they came from the edge.</summary>
    private async Task<IReadOnlyList<OutboxEntry>> CommitTwinChangesAsync(
        string deviceId, IReadOnlyList<TwinChange> twinChanges, bool reportUpstream, long now, CancellationToken cancellationToken)
    {
        if (twinChanges.Count == 0)
        {
            return [];
        }

        var changes = new DeviceChanges();
        var drafts = new List<OutboxDraft>();
        foreach (var change in twinChanges)
        {
            changes.Twins.Add((deviceId, change.After));
            if (reportUpstream)
            {
                var report = new TwinReport
                {
                    Device = deviceId,
                    Property = change.After.Name,
                    Twin = TwinConvert.ToMessage(change.After, withVersions: true),
                    Deleted = change.After.Deleted,
                    Timestamp = now,
                };
                drafts.Add(new OutboxDraft(OutboxKinds.TwinReported, $"twin:{deviceId}/{change.After.Name}", JsonSerializer.Serialize(report, AgentJsonContext.Default.TwinReport)));
            }
        }

        return await _store.ApplyAsync(changes, drafts, cancellationToken).ConfigureAwait(false);
    }

    private MqttPublication DocumentPublication(string deviceIdText, IReadOnlyList<TwinChange> changes, long now)
    {
        var document = new DeviceTwinDocument { EventId = NewEventId(), Timestamp = now };
        foreach (var change in changes)
        {
            document.Twin[change.After.Name] = new TwinDocumentEntry
            {
                Last = change.Before is null ? null : TwinConvert.ToMessage(change.Before, withVersions: false),
                Current = TwinConvert.ToMessage(change.After, withVersions: false),
            };
        }

        return new MqttPublication(DeviceTopics.Document(deviceIdText), Serialize(document, AgentJsonContext.Default.DeviceTwinDocument));
    }

    /// <summary>The delta publication, or null when every expected value equals its actual one.</summary>
    private MqttPublication? DeltaPublication(string deviceIdText, IEnumerable<TwinProperty> properties, long now)
    {
        var all = properties.ToList();
        var delta = TwinRules.Delta(all);
        if (delta.Count == 0)
        {
            return null;
        }

        var message = new DeviceTwinDelta { EventId = NewEventId(), Timestamp = now, Delta = delta };
        foreach (var p in all.Where(p => delta.ContainsKey(p.Name)))
        {
            message.Twin[p.Name] = TwinConvert.ToDeltaMessage(p);
        }

        return new MqttPublication(DeviceTopics.Delta(deviceIdText), Serialize(message, AgentJsonContext.Default.DeviceTwinDelta));
    }

    private TwinOutcome Error(DeviceTopic topic, string eventId, int code, string reason)
    {
        var error = new ErrorResult { EventId = eventId, Timestamp = Now(), Code = code, Reason = reason };
        return new TwinOutcome(
            [new MqttPublication(topic.ResultTopic, Serialize(error, AgentJsonContext.Default.ErrorResult))], [], [new TwinRejection(null, code, reason)]);
    }

    private static bool TryRead<T>(ReadOnlyMemory<byte> payload, JsonTypeInfo<T> info, bool allowEmpty, [NotNullWhen(true)] out T? value, out string error)
        where T : class, new()
    {
        error = "";
        if (payload.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            value = allowEmpty ? new T() : null;
            error = allowEmpty ? "" : "the payload is empty";
            return allowEmpty;
        }

        try
        {
            value = JsonSerializer.Deserialize(payload.Span, info);
            if (value is null)
            {
                error = "the payload is not a JSON object";
            }

            return value is not null;
        }
        catch (JsonException ex)
        {
            value = null;
            error = "malformed JSON payload: " + ex.Message;
            return false;
        }
    }

    /// <summary>The request's event id for an error answer, or empty when the payload has none.</summary>
    private static string ReadEventId(ReadOnlyMemory<byte> payload) =>
        TryRead(payload, AgentJsonContext.Default.EventRequest, allowEmpty: true, out var request, out _) ? request.EventId : "";

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToUtf8Bytes(value, info);

    /// <summary>Events the edge originates get fresh ids, as KubeEdge's <c>BuildBaseMessage</c> does.</summary>
    private static string NewEventId() => Guid.NewGuid().ToString();

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
