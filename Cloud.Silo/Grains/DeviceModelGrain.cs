using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>A device model: typed properties, and the set of devices using it (a model in use cannot be deleted). An
/// Orleans grain; its state is the <c>devicemodel</c> row (EdgeHive's grain storage).</summary>
internal sealed class DeviceModelGrain(
    [PersistentState("default")] IPersistentState<DeviceModelGrainState> state,
    ChangePublisher changes,
    TimeProvider time) : Grain, IDeviceModelGrain
{
    private const string What = "The device model";

    private DeviceModel? Current => state.State.Model;

    public Task<OperationResult<DeviceModel>> Get() =>
        Task.FromResult(Current is { } model
            ? OperationResult<DeviceModel>.Ok(model, model.ETag)
            : OperationResult<DeviceModel>.NotFound($"Device model '{this.GetPrimaryKeyString()}' does not exist."));

    public async Task<OperationResult<DeviceModel>> Create(DeviceModelSpec spec)
    {
        if (Current is { } existing)
        {
            return OperationResult<DeviceModel>.Conflict($"Device model '{existing.Key}' already exists.", existing.ETag);
        }

        if (!ResourceKey.TryParse(this.GetPrimaryKeyString(), out var key, out var keyError))
        {
            return OperationResult<DeviceModel>.ValidationFailed("name", keyError!);
        }

        var errors = DeviceModelValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return OperationResult<DeviceModel>.ValidationFailed(errors);
        }

        var now = time.GetUtcNow();
        var model = new DeviceModel(key.Namespace, key.Name, spec, new DeviceModelStatus(state.State.Users.Count), state.State.LastVersion + 1, now, now);
        await SaveAsync(model, state.State.Users, ChangeOperations.Created);
        return OperationResult<DeviceModel>.Ok(model, model.ETag);
    }

    public async Task<OperationResult<DeviceModel>> Replace(DeviceModelSpec spec, string? ifMatch)
    {
        if (Preconditions.Check<DeviceModel>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var errors = DeviceModelValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return OperationResult<DeviceModel>.ValidationFailed(errors);
        }

        var current = Current!;
        if (spec == current.Spec || (spec.Description == current.Spec.Description && spec.Properties.SequenceEqual(current.Spec.Properties)))
        {
            return OperationResult<DeviceModel>.Ok(current, current.ETag);
        }

        var model = current with { Spec = spec, ResourceVersion = current.ResourceVersion + 1, UpdatedAt = time.GetUtcNow() };
        await SaveAsync(model, state.State.Users, ChangeOperations.Updated);
        return OperationResult<DeviceModel>.Ok(model, model.ETag);
    }

    public async Task<OperationResult<DeviceModel>> Patch(string mergePatchJson, string? ifMatch)
    {
        if (Preconditions.Check<DeviceModel>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var patched = ResourcePatcher.PatchDeviceModel(Current!, mergePatchJson);
        return patched.IsOk ? await Replace(patched.Value!, null) : patched.AsFailure<DeviceModel>();
    }

    public async Task<OperationResult<DeviceModel>> Delete(string? ifMatch)
    {
        if (Preconditions.Check<DeviceModel>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var current = Current!;
        if (state.State.Users.Count > 0)
        {
            return OperationResult<DeviceModel>.Conflict(
                $"Device model '{current.Key}' is used by {state.State.Users.Count} device(s), for example '{state.State.Users.Min}'.",
                current.ETag);
        }

        await SaveAsync(null, state.State.Users, ChangeOperations.Deleted);
        return OperationResult<DeviceModel>.Ok(current, current.ETag);
    }

    public async Task<OperationResult<DeviceModel>> AddUser(string deviceKey)
    {
        if (Current is not { } current)
        {
            return OperationResult<DeviceModel>.NotFound($"Device model '{this.GetPrimaryKeyString()}' does not exist.");
        }

        if (state.State.Users.Contains(deviceKey))
        {
            return OperationResult<DeviceModel>.Ok(current, current.ETag);
        }

        var users = new SortedSet<string>(state.State.Users, StringComparer.Ordinal) { deviceKey };
        return await SaveUsersAsync(current, users);
    }

    public async Task<OperationResult<DeviceModel>> RemoveUser(string deviceKey)
    {
        if (!state.State.Users.Contains(deviceKey))
        {
            return Current is { } model
                ? OperationResult<DeviceModel>.Ok(model, model.ETag)
                : OperationResult<DeviceModel>.NotFound($"Device model '{this.GetPrimaryKeyString()}' does not exist.");
        }

        var users = new SortedSet<string>(state.State.Users, StringComparer.Ordinal);
        users.Remove(deviceKey);
        if (Current is not { } current)
        {
            // A tombstone can still hold users only from before an upgrade; drop them quietly.
            await SaveAsync(null, users, null);
            return OperationResult<DeviceModel>.NotFound($"Device model '{this.GetPrimaryKeyString()}' does not exist.");
        }

        return await SaveUsersAsync(current, users);
    }

    private async Task<OperationResult<DeviceModel>> SaveUsersAsync(DeviceModel current, SortedSet<string> users)
    {
        var model = current with
        {
            Status = new DeviceModelStatus(users.Count),
            ResourceVersion = current.ResourceVersion + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await SaveAsync(model, users, ChangeOperations.Updated);
        return OperationResult<DeviceModel>.Ok(model, model.ETag);
    }

    /// <summary>Writes the new state; on failure the in-memory state is left as it was, so nothing is half-applied.</summary>
    private async Task SaveAsync(DeviceModel? model, SortedSet<string> users, string? operation)
    {
        var (previousModel, previousVersion, previousUsers) = (state.State.Model, state.State.LastVersion, state.State.Users);
        state.State.Model = model;
        state.State.Users = users;
        state.State.LastVersion = Math.Max(previousVersion, model?.ResourceVersion ?? previousModel?.ResourceVersion ?? 0);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Model, state.State.LastVersion, state.State.Users) = (previousModel, previousVersion, previousUsers);
            throw;
        }

        if (operation is not null)
        {
            var version = model?.ResourceVersion ?? state.State.LastVersion;
            await changes.PublishAsync(ChangeKinds.DeviceModel, this.GetPrimaryKeyString(), null, operation, version);
        }
    }
}
