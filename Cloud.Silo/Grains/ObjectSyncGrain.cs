using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Delivery bookkeeping of one object to one node (KubeEdge's ObjectSync). Versions only move forward. An
/// Orleans grain; its state is the <c>objectsync</c> row (EdgeHive's grain storage).</summary>
internal sealed class ObjectSyncGrain(
    [PersistentState("default")] IPersistentState<ObjectSyncGrainState> state,
    ChangePublisher changes,
    TimeProvider time) : Grain, IObjectSyncGrain
{
    public async Task<ObjectSync> RecordSent(long resourceVersion)
    {
        var current = state.State.Sync ?? Empty();
        if (resourceVersion <= current.LastSentVersion && state.RecordExists)
        {
            return current;
        }

        var next = current with
        {
            LastSentVersion = Math.Max(current.LastSentVersion, resourceVersion),
            LastSentAt = time.GetUtcNow(),
        };
        return await SaveAsync(next);
    }

    public async Task<ObjectSync> Ack(long resourceVersion)
    {
        var current = state.State.Sync ?? Empty();
        if (resourceVersion <= current.LastAckedVersion && state.RecordExists)
        {
            return current;
        }

        var now = time.GetUtcNow();
        var next = current with
        {
            LastAckedVersion = Math.Max(current.LastAckedVersion, resourceVersion),
            LastSentVersion = Math.Max(current.LastSentVersion, resourceVersion),
            LastAckedAt = now,
            LastSentAt = current.LastSentAt ?? now,
        };
        return await SaveAsync(next);
    }

    public Task<OperationResult<ObjectSync>> Get() =>
        Task.FromResult(state.State.Sync is { } sync
            ? OperationResult<ObjectSync>.Ok(sync, ETags.Format(sync.LastSentVersion))
            : OperationResult<ObjectSync>.NotFound($"Nothing was sent for '{this.GetPrimaryKeyString()}'."));

    public async Task Delete()
    {
        if (!state.RecordExists)
        {
            return;
        }

        var last = state.State.Sync;
        await state.ClearStateAsync();
        await changes.PublishAsync(ChangeKinds.ObjectSync, this.GetPrimaryKeyString(), last?.NodeName, ChangeOperations.Deleted, last?.LastSentVersion ?? 0);
    }

    private async Task<ObjectSync> SaveAsync(ObjectSync next)
    {
        var created = !state.RecordExists;
        var previous = state.State.Sync;
        state.State.Sync = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Sync = previous;
            throw;
        }

        await changes.PublishAsync(
            ChangeKinds.ObjectSync,
            this.GetPrimaryKeyString(),
            next.NodeName,
            created ? ChangeOperations.Created : ChangeOperations.Updated,
            next.LastSentVersion);
        return next;
    }

    private ObjectSync Empty()
    {
        if (!ObjectSyncKey.TryParse(this.GetPrimaryKeyString(), out var key, out var error))
        {
            throw new ArgumentException(error);
        }

        return new ObjectSync(key.NodeName, key.Kind, key.ObjectKey, 0, 0, null, null);
    }
}
