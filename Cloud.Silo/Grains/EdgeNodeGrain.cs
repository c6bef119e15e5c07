using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// An edge node: info, labels, bound devices, and its status derived from the session and heartbeats. The stored
/// status (what lists filter on) is kept current by one grain timer per online node, with a durable Orleans reminder as
/// backstop in case the activation is lost with its silo while the node is online (the reminder activates the grain
/// again, which re-checks the node). It also owns the resync of a re-installed node (<c>Install</c> part). The workload
/// read model is optional only for test silos that host no workloads. An Orleans grain; its state is the <c>edgenode</c> row.
/// </summary>
internal sealed partial class EdgeNodeGrain(
    [PersistentState("default")] IPersistentState<EdgeNodeGrainState> state,
    ChangePublisher changes,
    CloudGrainOptions options,
    IOptions<ReminderOptions> reminders,
    TimeProvider time,
    ILogger<EdgeNodeGrain> logger,
    IWorkloadQueries? workloads = null) : Grain, IEdgeNodeGrain, IRemindable
{
    private const string What = "The node";

    private EdgeNode? Current => state.State.Node;

    public Task<OperationResult<EdgeNode>> Get() =>
        Task.FromResult(Current is { } node
            ? OperationResult<EdgeNode>.Ok(WithDerivedStatus(node), node.ETag)
            : NotFound());

    public async Task<OperationResult<EdgeNode>> Register(NodeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var now = time.GetUtcNow();
        if (Current is not { } current)
        {
            var name = this.GetPrimaryKeyString();
            if (ResourceNames.CheckSubdomain(name) is { } error)
            {
                return OperationResult<EdgeNode>.ValidationFailed("name", error);
            }

            var created = new EdgeNode(name, new Dictionary<string, string>(), info, NodeStatus.Unknown, null, NodeSession.None, [], state.State.LastVersion + 1, now, now);
            await SaveAsync(created, ChangeOperations.Created);
            return OperationResult<EdgeNode>.Ok(created, created.ETag);
        }

        if (info == current.Info)
        {
            return OperationResult<EdgeNode>.Ok(WithDerivedStatus(current), current.ETag);
        }

        var updated = Bump(current, now) with { Info = info };
        await SaveAsync(updated, ChangeOperations.Updated);
        return OperationResult<EdgeNode>.Ok(WithDerivedStatus(updated), updated.ETag);
    }

    public async Task<OperationResult<EdgeNode>> UpdateLabels(IReadOnlyDictionary<string, string> labels, string? ifMatch)
    {
        if (Preconditions.Check<EdgeNode>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var errors = DeviceSpecValidator.ValidateLabels(labels ?? new Dictionary<string, string>(), "labels");
        if (errors.Count > 0)
        {
            return OperationResult<EdgeNode>.ValidationFailed(errors);
        }

        var current = Current!;
        var sorted = new SortedDictionary<string, string>(labels!.ToDictionary(), StringComparer.Ordinal);
        if (sorted.Count == current.Labels.Count && sorted.All(l => current.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            return OperationResult<EdgeNode>.Ok(WithDerivedStatus(current), current.ETag);
        }

        var updated = Bump(current, time.GetUtcNow()) with { Labels = sorted };
        await SaveAsync(updated, ChangeOperations.Updated);
        return OperationResult<EdgeNode>.Ok(WithDerivedStatus(updated), updated.ETag);
    }

    public async Task<OperationResult<EdgeNode>> Delete(string? ifMatch)
    {
        if (Preconditions.Check<EdgeNode>(ifMatch, Current?.ResourceVersion, What) is { } failed)
        {
            return failed;
        }

        var current = Current!;
        if (current.Devices.Count > 0)
        {
            return OperationResult<EdgeNode>.Conflict(
                $"Node '{current.Name}' still has {current.Devices.Count} device(s) bound, for example '{current.Devices[0]}'.",
                current.ETag);
        }

        await SaveAsync(null, ChangeOperations.Deleted);
        StopLiveness();
        await UnregisterReminderQuietly(LivenessReminder);
        return OperationResult<EdgeNode>.Ok(WithDerivedStatus(current), current.ETag);
    }

    public async Task<OperationResult<EdgeNode>> BindDevice(string deviceKey)
    {
        if (Current is not { } current)
        {
            return NotFound();
        }

        if (current.Devices.Contains(deviceKey, StringComparer.Ordinal))
        {
            return OperationResult<EdgeNode>.Ok(WithDerivedStatus(current), current.ETag);
        }

        var devices = current.Devices.Append(deviceKey).Order(StringComparer.Ordinal).ToArray();
        var updated = Bump(current, time.GetUtcNow()) with { Devices = devices };
        await SaveAsync(updated, ChangeOperations.Updated);
        return OperationResult<EdgeNode>.Ok(WithDerivedStatus(updated), updated.ETag);
    }

    public async Task<OperationResult<EdgeNode>> UnbindDevice(string deviceKey)
    {
        if (Current is not { } current)
        {
            return NotFound();
        }

        if (!current.Devices.Contains(deviceKey, StringComparer.Ordinal))
        {
            return OperationResult<EdgeNode>.Ok(WithDerivedStatus(current), current.ETag);
        }

        var devices = current.Devices.Where(d => !string.Equals(d, deviceKey, StringComparison.Ordinal)).ToArray();
        var updated = Bump(current, time.GetUtcNow()) with { Devices = devices };
        await SaveAsync(updated, ChangeOperations.Updated);
        return OperationResult<EdgeNode>.Ok(WithDerivedStatus(updated), updated.ETag);
    }

    private static EdgeNode Bump(EdgeNode node, DateTimeOffset now) =>
        node with { ResourceVersion = node.ResourceVersion + 1, UpdatedAt = now };

    private OperationResult<EdgeNode> NotFound() =>
        OperationResult<EdgeNode>.NotFound($"Node '{this.GetPrimaryKeyString()}' does not exist.");

    private EdgeNode WithDerivedStatus(EdgeNode node) =>
        node with { Status = Evaluate(node, time.GetUtcNow()).Status };

    private NodeStatusEvaluation Evaluate(EdgeNode node, DateTimeOffset now) =>
        NodeStatusRules.Evaluate(node.Session, node.LastHeartbeat, now, options.DeadAfter);

    /// <summary>Writes the new node (null: deleted); on failure the in-memory state is left as it was.</summary>
    private async Task SaveAsync(EdgeNode? node, string? operation)
    {
        var (previousNode, previousVersion) = (state.State.Node, state.State.LastVersion);
        state.State.Node = node;
        state.State.LastVersion = Math.Max(previousVersion, node?.ResourceVersion ?? previousNode?.ResourceVersion ?? 0);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Node, state.State.LastVersion) = (previousNode, previousVersion);
            throw;
        }

        if (operation is not null)
        {
            var name = this.GetPrimaryKeyString();
            await changes.PublishAsync(ChangeKinds.Node, name, name, operation, node?.ResourceVersion ?? state.State.LastVersion);
        }
    }
}
