using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Writes that come from the edge: reported values, device state, acknowledgements of desired values.
/// Only the node the device is bound to may make them, and each is idempotent on replay.</summary>
internal sealed partial class DeviceGrain
{
    public async Task<OperationResult<EdgeUpdateResult>> ReportFromEdge(string nodeName, EdgeTwinReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (CheckEdge<EdgeUpdateResult>(nodeName) is { } refused)
        {
            return refused;
        }

        var current = Current!;
        var properties = _modelProperties;
        if (properties is null)
        {
            var model = await GetModelAsync(current.Namespace, current.Spec.Model);
            properties = model.IsOk ? model.Value!.Spec.Properties : [];
        }

        var update = TwinMerge.ApplyReport(current.Status.Twin, report, properties, options.Twin);
        if (!update.Changed)
        {
            return OperationResult<EdgeUpdateResult>.Ok(new EdgeUpdateResult(current.ResourceVersion, [], update.Ignored), current.ETag);
        }

        var device = current with
        {
            Status = current.Status with
            {
                Twin = update.Twin,
                LastOutboxSequence = Math.Max(current.Status.LastOutboxSequence, report.OutboxSequence),
            },
            ResourceVersion = current.ResourceVersion + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await SaveAsync(device, ChangeOperations.Reported);
        return OperationResult<EdgeUpdateResult>.Ok(new EdgeUpdateResult(device.ResourceVersion, update.Applied, update.Ignored), device.ETag);
    }

    public async Task<OperationResult<Device>> SetState(string nodeName, DeviceState deviceState, DateTimeOffset observedAt)
    {
        if (CheckEdge<Device>(nodeName) is { } refused)
        {
            return refused;
        }

        var current = Current!;
        var now = time.GetUtcNow();
        var decision = DeviceStateRules.Apply(current.Status, deviceState, observedAt, now);
        if (!decision.Changed)
        {
            return OperationResult<Device>.Ok(current, current.ETag);
        }

        var device = current with
        {
            Status = current.Status with { State = decision.State, StateTime = decision.StateTime, LastOnlineTime = decision.LastOnlineTime },
            ResourceVersion = current.ResourceVersion + 1,
            UpdatedAt = now,
        };
        await SaveAsync(device, ChangeOperations.State);
        return OperationResult<Device>.Ok(device, device.ETag);
    }

    public async Task<OperationResult<EdgeUpdateResult>> AckDesired(string nodeName, IReadOnlyDictionary<string, DesiredAck> acks)
    {
        ArgumentNullException.ThrowIfNull(acks);
        if (CheckEdge<EdgeUpdateResult>(nodeName) is { } refused)
        {
            return refused;
        }

        var current = Current!;
        var now = time.GetUtcNow();
        var update = TwinMerge.ApplyAcks(current.Status.Twin, acks, now);
        if (!update.Changed)
        {
            return OperationResult<EdgeUpdateResult>.Ok(new EdgeUpdateResult(current.ResourceVersion, [], update.Ignored), current.ETag);
        }

        var device = current with
        {
            Status = current.Status with { Twin = update.Twin },
            ResourceVersion = current.ResourceVersion + 1,
            UpdatedAt = now,
        };
        await SaveAsync(device, ChangeOperations.Reported);
        return OperationResult<EdgeUpdateResult>.Ok(new EdgeUpdateResult(device.ResourceVersion, update.Applied, update.Ignored), device.ETag);
    }

    public async Task ResyncForNewInstall(string nodeName, long install)
    {
        if (Current is not { } current || !string.Equals(current.Spec.NodeName, nodeName, StringComparison.Ordinal))
        {
            return;
        }

        if (string.Equals(state.State.ResyncedNode, nodeName, StringComparison.Ordinal) && state.State.ResyncedInstall >= install)
        {
            // Done for this install already (the node's resync is being retried): the floor must not be reset again,
            // or a replay of the new install's older reports could win over its newer ones. Only finish the push.
            if (state.State.OwesSomething)
            {
                await PushPendingAsync(recovering: true, retry: true);
            }

            return;
        }

        var twin = current.Status.Twin.ToDictionary(
            p => p.Key,
            p => p.Value.Reported is { } reported ? p.Value with { Reported = reported with { EdgeVersion = 0 } } : p.Value,
            StringComparer.Ordinal);
        var device = current with
        {
            Status = current.Status with { Twin = twin, LastOutboxSequence = 0 },
            ResourceVersion = current.ResourceVersion + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        var (previousNode, previousInstall) = (state.State.ResyncedNode, state.State.ResyncedInstall);
        (state.State.ResyncedNode, state.State.ResyncedInstall) = (nodeName, install);
        try
        {
            await SaveAsync(device, ChangeOperations.Updated, [Owe(nodeName, device, DownstreamMessages.Insert, membership: true)]);
        }
        catch
        {
            (state.State.ResyncedNode, state.State.ResyncedInstall) = (previousNode, previousInstall);
            throw;
        }

        await PushPendingAsync(recovering: false, retry: true);
    }

    private OperationResult<T>? CheckEdge<T>(string nodeName)
    {
        if (Current is not { } current)
        {
            return OperationResult<T>.NotFound($"Device '{this.GetPrimaryKeyString()}' does not exist.");
        }

        return string.Equals(current.Spec.NodeName, nodeName, StringComparison.Ordinal)
            ? null
            : OperationResult<T>.Forbidden($"Device '{current.Key}' is not bound to node '{nodeName}'.");
    }
}
