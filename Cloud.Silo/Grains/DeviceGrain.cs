using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Runtime;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// A device: spec (model, node binding, protocol, labels, desired values) written by operators, twin and state
/// written by the edge. Operator writes call the model and node grains first (use count, binding) and undo those calls
/// if the write then fails, so nothing is half-written; the downstream messages for the nodes concerned are recorded as
/// owed in the same write and queued after it succeeded (see <see cref="PendingPush"/>). An Orleans grain; its state is
/// the <c>device</c> row.
/// </summary>
internal sealed partial class DeviceGrain(
    [PersistentState("default")] IPersistentState<DeviceGrainState> state,
    ChangePublisher changes,
    CloudGrainOptions options,
    TimeProvider time,
    ILogger<DeviceGrain> logger) : Grain, IDeviceGrain
{
    private const string What = "The device";
    private IReadOnlyList<DeviceModelProperty>? _modelProperties;

    private Device? Current => state.State.Device;

    public Task<OperationResult<Device>> Get() =>
        Task.FromResult(Current is { } device ? OperationResult<Device>.Ok(device, device.ETag) : NotFound());

    public async Task<OperationResult<Device>> Create(DeviceSpec spec)
    {
        if (Current is { } existing)
        {
            return OperationResult<Device>.Conflict($"Device '{existing.Key}' already exists.", existing.ETag);
        }

        if (!ResourceKey.TryParse(this.GetPrimaryKeyString(), out _, out var keyError))
        {
            return OperationResult<Device>.ValidationFailed("name", keyError!);
        }

        return await WriteSpecAsync(null, spec);
    }

    public async Task<OperationResult<Device>> Replace(DeviceSpec spec, string? ifMatch)
    {
        if (Preconditions.Check<Device>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        return await WriteSpecAsync(Current, spec);
    }

    public async Task<OperationResult<Device>> Patch(string mergePatchJson, string? ifMatch)
    {
        if (Preconditions.Check<Device>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var patched = ResourcePatcher.PatchDevice(Current!, mergePatchJson);
        return patched.IsOk ? await WriteSpecAsync(Current, patched.Value!) : patched.AsFailure<Device>();
    }

    public async Task<OperationResult<Device>> SetDesired(IReadOnlyDictionary<string, string?> desired, string? ifMatch)
    {
        if (Preconditions.Check<Device>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var current = Current!;
        var model = await GetModelAsync(current.Namespace, current.Spec.Model);
        if (!model.IsOk)
        {
            return OperationResult<Device>.ValidationFailed("spec.model", $"device model '{current.Spec.Model}' does not exist");
        }

        var validation = TwinValidator.Validate(model.Value!.Spec.Properties, current.Spec.Desired, desired ?? new Dictionary<string, string?>(), options.Twin);
        if (!validation.IsValid)
        {
            return OperationResult<Device>.ValidationFailed(validation.Errors);
        }

        var now = time.GetUtcNow();
        var version = current.ResourceVersion + 1;
        var twin = TwinMerge.ApplyDesired(current.Status.Twin, desired!, version, now);
        if (!twin.Changed)
        {
            return OperationResult<Device>.Ok(current, current.ETag);
        }

        var device = current with
        {
            Spec = current.Spec with { Desired = validation.Desired },
            Status = current.Status with { Twin = twin.Twin },
            ResourceVersion = version,
            UpdatedAt = now,
        };
        await SaveAsync(device, ChangeOperations.Updated, [Owe(device.Spec.NodeName, device, DownstreamMessages.Update, membership: false)]);
        await PushPendingAsync(recovering: false, retry: true);
        return OperationResult<Device>.Ok(device, device.ETag);
    }

    public async Task<OperationResult<Device>> Delete(string? ifMatch)
    {
        if (Preconditions.Check<Device>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var current = Current!;
        var key = current.Key;
        EdgeNode? node = null;
        if (current.Spec.NodeName is { } nodeName)
        {
            var unbound = await NodeGrain(nodeName).UnbindDevice(key);
            node = unbound.IsOk ? unbound.Value : null;
        }

        // The tombstone keeps no document, so the delete message is built now and stored with the owed push. The model
        // is released after the write, as an owed check, so a crash cannot leave it counting a deleted device.
        var deleted = current with { ResourceVersion = state.State.LastVersion + 1, UpdatedAt = time.GetUtcNow() };
        try
        {
            await SaveAsync(null, ChangeOperations.Deleted, [Owe(node?.Name, deleted, DownstreamMessages.Delete, membership: true)], ModelUse.KeyOf(current));
        }
        catch
        {
            await UndoAsync(() => current.Spec.NodeName is { } n ? NodeGrain(n).BindDevice(key) : Task.CompletedTask);
            throw;
        }

        await PushPendingAsync(recovering: false, retry: true);
        return OperationResult<Device>.Ok(current, current.ETag);
    }

    private OperationResult<Device> NotFound() =>
        OperationResult<Device>.NotFound($"Device '{this.GetPrimaryKeyString()}' does not exist.");

    private IDeviceModelGrain ModelGrain(string ns, string model) => GrainFactory.GetGrain<IDeviceModelGrain>(ModelUse.Key(ns, model));

    private IEdgeNodeGrain NodeGrain(string node) => GrainFactory.GetGrain<IEdgeNodeGrain>(node);

    private async Task<OperationResult<DeviceModel>> GetModelAsync(string ns, string model)
    {
        var result = await ModelGrain(ns, model).Get();
        _modelProperties = result.IsOk ? result.Value!.Spec.Properties : null;
        return result;
    }

    /// <summary>Writes the new device (null: deleted) together with the downstream pushes it owes (null entries: none)
    /// and the model it leaves, owed a check (null: none); the check of a model it acquired (already counting it) is
    /// dropped. On failure the in-memory state is left as it was.</summary>
    private async Task SaveAsync(Device? device, string operation, IReadOnlyList<PendingPush?>? owed = null, string? leftModel = null, string? acquiredModel = null)
    {
        var previous = (state.State.Device, state.State.LastVersion, state.State.Pending, state.State.ModelChecks);
        state.State.Device = device;
        state.State.LastVersion = Math.Max(previous.LastVersion + (device is null ? 1 : 0), device?.ResourceVersion ?? 0);
        // Edge writes (the per-report path) owe nothing: they keep the lists as they are instead of copying them.
        state.State.Pending = owed is null ? previous.Pending : PendingPush.Merge(previous.Pending, [.. owed.OfType<PendingPush>()]);
        state.State.ModelChecks = leftModel is null && acquiredModel is null
            ? previous.ModelChecks
            : ModelUse.Merge([.. previous.ModelChecks.Where(k => k != acquiredModel)], leftModel);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Device, state.State.LastVersion, state.State.Pending, state.State.ModelChecks) = previous;
            throw;
        }

        var node = device?.Spec.NodeName ?? previous.Device?.Spec.NodeName;
        await changes.PublishAsync(ChangeKinds.Device, this.GetPrimaryKeyString(), node, operation, device?.ResourceVersion ?? state.State.LastVersion);
    }

    /// <summary>Best-effort compensation after a failed write; a failure here is logged, the original error wins.</summary>
    private async Task UndoAsync(params Func<Task>[] actions)
    {
        foreach (var action in actions)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                Log.UndoFailed(logger, this.GetPrimaryKeyString(), ex);
            }
        }
    }
}
