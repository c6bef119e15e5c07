using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Create and replace: validation, model use (see <see cref="ModelUse"/>), node binding, and the write.</summary>
internal sealed partial class DeviceGrain
{
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    /// <summary>Creates (<paramref name="current"/> null) or replaces the device's spec.</summary>
    private async Task<OperationResult<Device>> WriteSpecAsync(Device? current, DeviceSpec spec)
    {
        if (spec is null)
        {
            return OperationResult<Device>.ValidationFailed("spec", "is required");
        }

        var errors = DeviceSpecValidator.Validate(spec, options.Twin);
        if (errors.Count > 0)
        {
            return OperationResult<Device>.ValidationFailed(errors);
        }

        if (current is not null && SameSpec(current.Spec, spec))
        {
            return OperationResult<Device>.Ok(current, current.ETag);
        }

        var key = ResourceKey.Parse(this.GetPrimaryKeyString());
        var model = await GetModelAsync(key.Namespace, spec.Model);
        if (!model.IsOk)
        {
            return OperationResult<Device>.ValidationFailed("spec.model", $"device model '{spec.Model}' does not exist in namespace '{key.Namespace}'");
        }

        // A new model must accept every desired value, not only the changed ones.
        var modelChanged = current is null || current.Spec.Model != spec.Model;
        var baseDesired = modelChanged ? NoValues : current!.Spec.Desired;
        var changes = TwinValidator.Diff(baseDesired, spec.Desired);
        var validation = TwinValidator.Validate(model.Value!.Spec.Properties, baseDesired, changes, options.Twin);
        if (!validation.IsValid)
        {
            return OperationResult<Device>.ValidationFailed(validation.Errors);
        }

        var links = await LinkAsync(key.ToString(), current, spec, modelChanged);
        if (links.Failure is not null)
        {
            await SettleModelChecksNowAsync();
            return links.Failure;
        }

        var now = time.GetUtcNow();
        var version = (current?.ResourceVersion ?? state.State.LastVersion) + 1;
        var twin = TwinMerge.ApplyDesired(current?.Status.Twin ?? DeviceStatus.Initial.Twin, TwinValidator.Diff(current?.Spec.Desired ?? NoValues, spec.Desired), version, now);
        var device = current is null
            ? new Device(key.Namespace, key.Name, spec, DeviceStatus.Initial with { Twin = twin.Twin }, version, now, now)
            : current with { Spec = spec, Status = current.Status with { Twin = twin.Twin }, ResourceVersion = version, UpdatedAt = now };
        try
        {
            await SaveAsync(
                device,
                current is null ? ChangeOperations.Created : ChangeOperations.Updated,
                OwedBySpecChange(current, device, links),
                leftModel: modelChanged ? ModelUse.KeyOf(current) : null,
                acquiredModel: modelChanged ? ModelUse.KeyOf(device) : null);
        }
        catch
        {
            await UndoAsync(links.UndoInReverse());
            await SettleModelChecksNowAsync();
            throw;
        }

        await links.CompleteAsync();
        await PushPendingAsync(recovering: false, retry: true);
        return OperationResult<Device>.Ok(device, device.ETag);
    }

    /// <summary>Registers the device with a new model and binds it to a new node; releases the old node only once the
    /// write succeeded (<see cref="SpecLinks.CompleteAsync"/>) and undoes the new one if it fails. The models are owed
    /// checks instead (<see cref="OweModelCheckAsync"/>): the caller settles them after the write, failed or not.</summary>
    private async Task<SpecLinks> LinkAsync(string key, Device? current, DeviceSpec spec, bool modelChanged)
    {
        var links = new SpecLinks(this);
        if (modelChanged)
        {
            var newModel = ModelUse.Key(key.Split('/')[0], spec.Model);
            await OweModelCheckAsync(newModel);
            var added = await GrainFactory.GetGrain<IDeviceModelGrain>(newModel).AddUser(key);
            if (!added.IsOk)
            {
                return links.Fail(OperationResult<Device>.ValidationFailed("spec.model", $"device model '{spec.Model}' does not exist"));
            }

            if (options.AfterModelAcquire is { } fault)
            {
                await fault(key);
            }
        }

        var oldNode = current?.Spec.NodeName;
        if (spec.NodeName != oldNode)
        {
            if (spec.NodeName is { } newNodeName)
            {
                var bound = await NodeGrain(newNodeName).BindDevice(key);
                if (!bound.IsOk)
                {
                    await UndoAsync(links.UndoInReverse());
                    return links.Fail(OperationResult<Device>.ValidationFailed("spec.nodeName", $"node '{newNodeName}' does not exist"));
                }

                links.NewNode = bound.Value;
                links.Undos.Add(() => NodeGrain(newNodeName).UnbindDevice(key));
            }

            if (oldNode is not null)
            {
                links.Completions.Add(async () =>
                {
                    var unbound = await NodeGrain(oldNode).UnbindDevice(key);
                    links.OldNode = unbound.IsOk ? unbound.Value : null;
                });
            }
        }

        return links;
    }

    /// <summary>What a spec write owes the nodes: the node the device left gets a delete and its new membership list,
    /// the node it joined an insert and its list, a node it stays on an update.</summary>
    private PendingPush?[] OwedBySpecChange(Device? current, Device device, SpecLinks links)
    {
        var oldNode = current?.Spec.NodeName;
        var moved = oldNode != device.Spec.NodeName;
        return moved
            ? [Owe(oldNode, device, DownstreamMessages.Delete, membership: true), Owe(links.NewNode?.Name, device, DownstreamMessages.Insert, membership: true)]
            : [current is null ? null : Owe(device.Spec.NodeName, device, DownstreamMessages.Update, membership: false)];
    }

    private static bool SameSpec(DeviceSpec a, DeviceSpec b) =>
        a.Model == b.Model
        && a.NodeName == b.NodeName
        && a.Protocol == b.Protocol
        && SameMap(a.Labels, b.Labels)
        && SameMap(a.Desired, b.Desired);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));
}
