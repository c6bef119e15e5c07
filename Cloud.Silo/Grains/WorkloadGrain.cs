using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// A workload: its spec, where it is placed, and what its nodes report. Every change computes the nodes the workload
/// runs on (a node name, or the nodes whose labels match the selector, read from the node list's read model), and owes
/// each node it now runs on an upsert (when it is new there or its process changed) and each node it left a delete. The
/// owed messages are written in the same state write as the change and handed to the nodes' session outboxes
/// afterwards (<see cref="WorkloadGrain"/>'s <c>Downstream</c> part), so a crash in between resends rather than loses
/// them. An Orleans grain on EdgeHive's grain storage (state row and read model in one ETag-checked write).
/// </summary>
internal sealed partial class WorkloadGrain(
    [PersistentState("default")] IPersistentState<WorkloadGrainState> state,
    IWorkloadNodes nodes,
    ChangePublisher changes,
    TimeProvider time,
    ILogger<WorkloadGrain> logger) : Grain, IWorkloadGrain, IRemindable
{
    private const string What = "The workload";

    private Workload? Current => state.State.Workload;

    public Task<OperationResult<Workload>> Get() =>
        Task.FromResult(Current is { } workload
            ? OperationResult<Workload>.Ok(workload, workload.ETag)
            : NotFound());

    public async Task<OperationResult<Workload>> Create(WorkloadSpec spec)
    {
        if (Current is { } existing)
        {
            return OperationResult<Workload>.Conflict($"Workload '{existing.Key}' already exists.", existing.ETag);
        }

        if (!ResourceKey.TryParse(this.GetPrimaryKeyString(), out _, out var keyError))
        {
            return OperationResult<Workload>.ValidationFailed("name", keyError!);
        }

        if (spec is null)
        {
            return OperationResult<Workload>.ValidationFailed("spec", "is required");
        }

        var errors = WorkloadSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return OperationResult<Workload>.ValidationFailed(errors);
        }

        var workload = await ApplyAsync(spec, await PlaceAsync(spec.Placement), specChanged: true, ChangeOperations.Created);
        return OperationResult<Workload>.Ok(workload, workload.ETag);
    }

    public async Task<OperationResult<Workload>> Replace(WorkloadSpec spec, string? ifMatch)
    {
        if (Preconditions.Check<Workload>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        if (spec is null)
        {
            return OperationResult<Workload>.ValidationFailed("spec", "is required");
        }

        var errors = WorkloadSpecValidator.Validate(spec);
        if (errors.Count > 0)
        {
            return OperationResult<Workload>.ValidationFailed(errors);
        }

        var current = Current!;
        if (spec.SameAs(current.Spec))
        {
            return OperationResult<Workload>.Ok(current, current.ETag);
        }

        var workload = await ApplyAsync(spec, await PlaceAsync(spec.Placement), specChanged: true, ChangeOperations.Updated);
        return OperationResult<Workload>.Ok(workload, workload.ETag);
    }

    public async Task<OperationResult<Workload>> Patch(string mergePatchJson, string? ifMatch)
    {
        if (Preconditions.Check<Workload>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var patched = ResourcePatcher.PatchWorkload(Current!, mergePatchJson);
        return patched.IsOk ? await Replace(patched.Value!, null) : patched.AsFailure<Workload>();
    }

    public async Task<OperationResult<Workload>> Delete(string? ifMatch)
    {
        if (Preconditions.Check<Workload>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var current = Current!;
        var version = state.State.LastVersion + 1;
        var now = time.GetUtcNow();
        var owed = current.Status.Nodes.Select(n => new OwedWorkloadMessage(n.Node, WorkloadMessages.Delete(current.Key, version, now))).ToList();
        await SaveAsync(null, version, owed, null, ChangeOperations.Deleted);
        await PushOwedAsync();
        await UpdateReminderAsync();
        return OperationResult<Workload>.Ok(current, current.ETag);
    }

    public async Task<OperationResult<Workload>> ReportStatus(string node, WorkloadStatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Current is not { } current)
        {
            return NotFound();
        }

        var index = IndexOf(current, node);
        if (index < 0)
        {
            // A node the workload left: its last reports drain from its outbox and mean nothing here.
            return OperationResult<Workload>.Ok(current, current.ETag);
        }

        var previous = current.Status.Nodes[index];
        var lastSequence = state.State.Sequences.GetValueOrDefault(node);
        if (update.Sequence <= lastSequence && update.ObservedGeneration <= previous.ObservedGeneration)
        {
            // A replay, or an older report overtaken by a newer one.
            return OperationResult<Workload>.Ok(current, current.ETag);
        }

        var now = time.GetUtcNow();
        var reported = new WorkloadNodeStatus(
            node, update.Phase, update.Reason, update.Message, update.Pid, update.Restarts, update.LastExitCode,
            update.StartedAt, update.FinishedAt, previous.AssignedVersion, update.ObservedGeneration, now);
        var statuses = current.Status.Nodes.ToArray();
        statuses[index] = reported;
        var version = state.State.LastVersion + 1;
        var workload = current with { Status = new WorkloadStatus(statuses), ResourceVersion = version, UpdatedAt = now };
        var sequences = new Dictionary<string, long>(state.State.Sequences, StringComparer.Ordinal) { [node] = Math.Max(lastSequence, update.Sequence) };
        await SaveAsync(workload, version, [], sequences, ChangeOperations.Updated, node);
        return OperationResult<Workload>.Ok(workload, workload.ETag);
    }

    public async Task<OperationResult<Workload>> Reconcile()
    {
        if (Current is { Spec.Placement.NodeSelector: not null } current)
        {
            var placed = await PlaceAsync(current.Spec.Placement);
            if (!placed.SequenceEqual(current.Status.Nodes.Select(n => n.Node), StringComparer.Ordinal))
            {
                Log.Replacing(logger, current.Key, placed.Count);
                var workload = await ApplyAsync(current.Spec, placed, specChanged: false, ChangeOperations.Updated);
                return OperationResult<Workload>.Ok(workload, workload.ETag);
            }
        }

        await PushOwedAsync();
        await UpdateReminderAsync();
        return Current is { } now ? OperationResult<Workload>.Ok(now, now.ETag) : NotFound();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Reconcile();

    public async Task ResyncForNewInstall(string nodeName, long install)
    {
        if (state.State.Installs.GetValueOrDefault(nodeName) >= install)
        {
            // Done for this install already (the node's resync is being retried): only finish what is still owed, so a
            // status the new install reported in between is not forgotten again.
            await PushOwedAsync();
            return;
        }

        var installs = new Dictionary<string, long>(state.State.Installs, StringComparer.Ordinal) { [nodeName] = install };
        var sequences = new Dictionary<string, long>(state.State.Sequences, StringComparer.Ordinal);
        sequences.Remove(nodeName);
        var current = Current;
        var index = current is null ? -1 : IndexOf(current, nodeName);
        if (current is null || index < 0)
        {
            // Not assigned to the node: nothing to resend, only the old install's sequence to forget.
            await SaveAsync(current, state.State.LastVersion, [], sequences, ChangeOperations.Updated, nodeName, installs, publish: false);
            return;
        }

        var version = state.State.LastVersion + 1;
        var now = time.GetUtcNow();
        var statuses = current.Status.Nodes.ToArray();
        statuses[index] = new WorkloadNodeStatus(
            nodeName, WorkloadPhase.Pending, "Reinstalled", "the node was re-installed; waiting for the new install to report",
            null, 0, null, null, null, version, 0, null);
        var workload = current with { Status = new WorkloadStatus(statuses), ResourceVersion = version, UpdatedAt = now };
        Log.Resyncing(logger, workload.Key, nodeName, install);
        await SaveAsync(workload, version, [new OwedWorkloadMessage(nodeName, WorkloadMessages.Upsert(workload, now))], sequences, ChangeOperations.Updated, nodeName, installs);
        await PushOwedAsync();
        await UpdateReminderAsync();
    }

    /// <summary>Writes <paramref name="spec"/> placed on <paramref name="placed"/>, owes each node its messages, and
    /// hands them to the sessions.</summary>
    private async Task<Workload> ApplyAsync(WorkloadSpec spec, IReadOnlyList<string> placed, bool specChanged, string operation)
    {
        var current = Current;
        var key = ResourceKey.Parse(this.GetPrimaryKeyString());
        var version = state.State.LastVersion + 1;
        var now = time.GetUtcNow();
        var processChanged = current is null || !spec.SameProcessAs(current.Spec);
        var before = current?.Status.Nodes.ToDictionary(n => n.Node, StringComparer.Ordinal) ?? [];
        var statuses = new List<WorkloadNodeStatus>(placed.Count);
        var upserts = new List<string>();
        foreach (var node in placed)
        {
            if (before.TryGetValue(node, out var known) && !processChanged)
            {
                statuses.Add(known);
                continue;
            }

            upserts.Add(node);
            statuses.Add(known is null
                ? new WorkloadNodeStatus(node, WorkloadPhase.Pending, "Assigned", "waiting for the node to report", null, 0, null, null, null, version, 0, null)
                : known with { AssignedVersion = version });
        }

        var workload = new Workload(
            key.Namespace,
            key.Name,
            spec,
            new WorkloadStatus(statuses),
            specChanged || current is null ? version : current.Generation,
            version,
            current?.CreatedAt ?? now,
            now);
        var owed = upserts.Select(n => new OwedWorkloadMessage(n, WorkloadMessages.Upsert(workload, now))).ToList();
        var placedSet = placed.ToHashSet(StringComparer.Ordinal);
        owed.AddRange(before.Keys.Where(n => !placedSet.Contains(n)).Select(n => new OwedWorkloadMessage(n, WorkloadMessages.Delete(workload.Key, version, now))));
        await SaveAsync(workload, version, owed, null, operation);
        await PushOwedAsync();
        await UpdateReminderAsync();
        return workload;
    }

    private async Task<IReadOnlyList<string>> PlaceAsync(WorkloadPlacement placement) =>
        placement.NodeName is { } node ? [node] : await nodes.MatchAsync(placement.NodeSelector!, CancellationToken.None);

    /// <summary>Writes the new state; on failure the in-memory state is left as it was, so nothing is half-applied.</summary>
    private async Task SaveAsync(
        Workload? workload,
        long version,
        IReadOnlyList<OwedWorkloadMessage> owed,
        Dictionary<string, long>? sequences,
        string operation,
        string? node = null,
        Dictionary<string, long>? installs = null,
        bool publish = true)
    {
        var s = state.State;
        var previous = (s.Workload, s.LastVersion, s.Pending, s.Sequences, s.Installs);
        s.Workload = workload;
        s.LastVersion = Math.Max(s.LastVersion, version);
        s.Pending = Merge(s.Pending, owed);
        s.Sequences = sequences ?? s.Sequences;
        s.Installs = installs ?? s.Installs;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (s.Workload, s.LastVersion, s.Pending, s.Sequences, s.Installs) = previous;
            throw;
        }

        if (!publish)
        {
            return;
        }

        await changes.PublishAsync(ChangeKinds.Workload, this.GetPrimaryKeyString(), node, operation, version);
    }

    /// <summary>Adds owed messages: a newer message to a node replaces the one still owed to it (every message carries
    /// the whole workload, so only the newest is worth sending).</summary>
    private static List<OwedWorkloadMessage> Merge(List<OwedWorkloadMessage> pending, IReadOnlyList<OwedWorkloadMessage> added)
    {
        if (added.Count == 0)
        {
            return pending;
        }

        var merged = pending.Where(p => !added.Any(a => string.Equals(a.Node, p.Node, StringComparison.Ordinal))).ToList();
        merged.AddRange(added);
        return merged;
    }

    private static int IndexOf(Workload workload, string node)
    {
        for (var i = 0; i < workload.Status.Nodes.Count; i++)
        {
            if (string.Equals(workload.Status.Nodes[i].Node, node, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private OperationResult<Workload> NotFound() =>
        OperationResult<Workload>.NotFound($"Workload '{this.GetPrimaryKeyString()}' does not exist.");
}
