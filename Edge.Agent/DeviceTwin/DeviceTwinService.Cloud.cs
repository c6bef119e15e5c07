using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

public sealed partial class DeviceTwinService
{
    /// <summary>
    /// Applies desired values from the cloud to device <paramref name="deviceId"/> (<c>{namespace}/{name}</c>) and
    /// publishes <c>twin/cloud_updated</c> (with versions), <c>twin/update/document</c> and <c>twin/update/delta</c>. Committed before returning, so
    /// the caller may acknowledge the cloud message; refused properties are in <see cref="TwinOutcome.Rejections"/>.
    /// Store failures propagate: the message is then not acknowledged and the cloud resends it.
    /// </summary>
    public async Task<TwinOutcome> ApplyCloudTwinAsync(string deviceId, IReadOnlyDictionary<string, MsgTwin?> twin, CancellationToken cancellationToken)
    {
        if (await _store.GetDeviceAsync(deviceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new TwinOutcome([], [], [new TwinRejection(null, 404, $"device '{deviceId}' is not bound to node '{NodeName}'")]);
        }

        var now = Now();
        var current = (await _store.GetTwinsAsync(deviceId, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var decision = TwinRules.ApplyCloudUpdate(current, twin, now);
        foreach (var rejection in decision.Rejections)
        {
            LogCloudTwinRejected(deviceId, rejection.Property, rejection.Code, rejection.Reason);
        }

        await CommitTwinChangesAsync(deviceId, decision.Changes, reportUpstream: false, now, cancellationToken).ConfigureAwait(false);
        return new TwinOutcome(CloudTwinPublications(deviceId, current, decision.Changes, now), [], decision.Rejections);
    }

    /// <summary>
    /// Applies a membership change from the cloud: devices bound to (or redefined on) this node and devices unbound
    /// from it; publishes <c>membership/updated</c>. Committed before returning.
    /// </summary>
    public async Task<TwinOutcome> ApplyMembershipAsync(MembershipUpdate update, CancellationToken cancellationToken)
    {
        var now = Now();
        var changes = new DeviceChanges();
        var rejections = new List<TwinRejection>();
        var published = new MembershipUpdate { EventId = NewEventId(), Timestamp = now };
        foreach (var added in update.AddedDevices)
        {
            if (!TrySplitId(added.Id, out var ns, out var name))
            {
                rejections.Add(new TwinRejection(null, 400, $"device id '{added.Id}' is not {{namespace}}/{{name}}"));
                continue;
            }

            var existing = await _store.GetDeviceAsync(added.Id, cancellationToken).ConfigureAwait(false);
            changes.Devices.Add(new DeviceRecord(added.Id, ns, name, added.Description,
                existing?.State ?? added.State ?? "unknown", existing?.LastOnline ?? added.LastOnline));
            if (added.Attributes is not null)
            {
                changes.Attributes[added.Id] = added.Attributes.Select(a => TwinConvert.ToAttribute(a.Key, a.Value)).ToList();
            }

            var current = existing is null
                ? new Dictionary<string, TwinProperty>(StringComparer.Ordinal)
                : (await _store.GetTwinsAsync(added.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Name, StringComparer.Ordinal);
            if (added.Twin is not null)
            {
                var decision = TwinRules.ApplyCloudUpdate(current, added.Twin, now, requireVersion: false);
                rejections.AddRange(decision.Rejections);
                foreach (var change in decision.Changes)
                {
                    changes.Twins.Add((added.Id, change.After));
                    current[change.After.Name] = change.After;
                }
            }

            published.AddedDevices.Add(new MsgDevice { Id = added.Id, Name = name, Twin = TwinConvert.ToLiveTwin(current.Values, withVersions: false) });
        }

        foreach (var removed in update.RemovedDevices)
        {
            changes.RemovedDevices.Add(removed.Id);
            published.RemovedDevices.Add(new MsgDevice { Id = removed.Id, Name = TrySplitId(removed.Id, out _, out var name) ? name : removed.Name });
        }

        await _store.ApplyAsync(changes, [], cancellationToken).ConfigureAwait(false);
        LogMembershipChanged(NodeName, published.AddedDevices.Count, published.RemovedDevices.Count);
        var publications = published.AddedDevices.Count + published.RemovedDevices.Count == 0
            ? new List<MqttPublication>()
            : [new MqttPublication(DeviceTopics.MembershipUpdated(NodeName), Serialize(published, AgentJsonContext.Default.MembershipUpdate))];
        return new TwinOutcome(publications, [], rejections);
    }

    /// <summary>
    /// Applies a changed device definition from the cloud (attributes, and desired values with versions); publishes
    /// <c>$hw/events/device/{id}/updated</c>, and <c>cloud_updated</c>/<c>document</c>/<c>delta</c> when the twin changed.
    /// </summary>
    public async Task<TwinOutcome> ApplyDeviceUpdatedAsync(MsgDevice device, CancellationToken cancellationToken)
    {
        var existing = await _store.GetDeviceAsync(device.Id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return new TwinOutcome([], [], [new TwinRejection(null, 404, $"device '{device.Id}' is not bound to node '{NodeName}'")]);
        }

        var now = Now();
        var changes = new DeviceChanges();
        changes.Devices.Add(existing with { Description = device.Description ?? existing.Description });
        if (device.Attributes is not null)
        {
            changes.Attributes[device.Id] = device.Attributes.Select(a => TwinConvert.ToAttribute(a.Key, a.Value)).ToList();
        }

        var current = (await _store.GetTwinsAsync(device.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var decision = device.Twin is null ? new TwinDecision([], [], []) : TwinRules.ApplyCloudUpdate(current, device.Twin, now);
        foreach (var change in decision.Changes)
        {
            changes.Twins.Add((device.Id, change.After));
        }

        await _store.ApplyAsync(changes, [], cancellationToken).ConfigureAwait(false);
        var attributes = await _store.GetAttributesAsync(device.Id, cancellationToken).ConfigureAwait(false);
        var updated = new DeviceUpdated
        {
            EventId = NewEventId(),
            Timestamp = now,
            Attributes = attributes.ToDictionary(a => a.Name, a => (MsgAttr?)TwinConvert.ToMessage(a), StringComparer.Ordinal),
        };
        var publications = new List<MqttPublication> { new(DeviceTopics.DeviceUpdated(device.Id), Serialize(updated, AgentJsonContext.Default.DeviceUpdated)) };
        publications.AddRange(CloudTwinPublications(device.Id, current, decision.Changes, now));
        return new TwinOutcome(publications, [], decision.Rejections);
    }

    private List<MqttPublication> CloudTwinPublications(string deviceId, Dictionary<string, TwinProperty> current, IReadOnlyList<TwinChange> changes, long now)
    {
        var publications = new List<MqttPublication>();
        if (changes.Count == 0)
        {
            return publications;
        }

        var cloudTwin = new Dictionary<string, MsgTwin?>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            current[change.After.Name] = change.After;
            cloudTwin[change.After.Name] = TwinConvert.ToMessage(change.After, withVersions: true);
        }

        publications.Add(new MqttPublication(DeviceTopics.CloudUpdated(deviceId),
            Serialize(new DeviceTwinUpdate { EventId = NewEventId(), Timestamp = now, Twin = cloudTwin }, AgentJsonContext.Default.DeviceTwinUpdate)));

        // As KubeEdge does for every accepted twin change, whatever its source: last and current state of each property.
        publications.Add(DocumentPublication(deviceId, changes, now));
        if (DeltaPublication(deviceId, current.Values, now) is { } delta)
        {
            publications.Add(delta);
        }

        return publications;
    }

    private static bool TrySplitId(string id, out string ns, out string name)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var valid = slash > 0 && slash < id.Length - 1 && id.IndexOf('/', slash + 1) < 0;
        ns = valid ? id[..slash] : "";
        name = valid ? id[(slash + 1)..] : "";
        return valid;
    }
}
