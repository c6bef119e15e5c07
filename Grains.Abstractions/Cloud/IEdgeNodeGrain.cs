namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per edge node (key: node name). Its status is derived, when read, from the session (attached by the node's
/// session grain) and the last heartbeat.
/// </summary>
public interface IEdgeNodeGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>The node with its derived status, or <see cref="OperationStatus.NotFound"/>.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<OperationResult<EdgeNode>> Get();

    /// <summary>Registers the node (creating it on first call) or updates its machine info. Idempotent.</summary>
    Task<OperationResult<EdgeNode>> Register(NodeInfo info);

    /// <summary>Records that the node's connection of <paramref name="epoch"/> is alive. A heartbeat from an older
    /// epoch is ignored (<see cref="OperationStatus.Conflict"/>). The grain uses its own clock, not the edge's.</summary>
    Task<OperationResult<NodeStatus>> Heartbeat(long epoch);

    /// <summary>Replaces the node's labels.</summary>
    Task<OperationResult<EdgeNode>> UpdateLabels(IReadOnlyDictionary<string, string> labels, string? ifMatch);

    /// <summary>Deletes the node and returns its last state. <see cref="OperationStatus.Conflict"/> while devices are
    /// bound to it.</summary>
    Task<OperationResult<EdgeNode>> Delete(string? ifMatch);

    /// <summary>Called by the session grain when a connection of <paramref name="epoch"/> attached on
    /// <paramref name="silo"/>. Older epochs than the stored one are ignored.</summary>
    Task SessionAttached(string silo, long epoch);

    /// <summary>Called by the session grain when the connection of <paramref name="epoch"/> closed. Ignored unless it
    /// is the current epoch.</summary>
    Task SessionDetached(string silo, long epoch);

    /// <summary>Adds a device to the node's membership. Idempotent. <see cref="OperationStatus.NotFound"/> when the node
    /// is not registered.</summary>
    Task<OperationResult<EdgeNode>> BindDevice(string deviceKey);

    /// <summary>Removes a device from the node's membership. Idempotent.</summary>
    Task<OperationResult<EdgeNode>> UnbindDevice(string deviceKey);

    /// <summary>Starts a new install of the node (a join issued a credential for a node that already exists): persists
    /// the next install generation as not yet resynced, bumps the node's resource version, and starts resending
    /// everything to the new install (every bound device and every workload assigned to the node, see
    /// <see cref="ResyncInstall"/>). The grain retries the resync until it is done (a timer, and a durable reminder in
    /// case its silo dies). Returns the generation; <see cref="ResyncInstall"/> waits for the resync.</summary>
    Task<long> BeginInstall();

    /// <summary>Makes sure the resync of a new install that has not finished is running (starting it now when it waits
    /// for a retry) and waits up to <paramref name="wait"/> for it. True when nothing is left to resync. The resync tells
    /// every bound device to forget the old install's edge versions and push itself again, and every workload assigned
    /// to the node to send its upsert again and forget the old install's status; each step is idempotent per install
    /// generation, so running it again resends at most. Interleaves with other calls: it only waits.</summary>
    [global::Orleans.Concurrency.AlwaysInterleave]
    Task<bool> ResyncInstall(TimeSpan wait);

    /// <summary>The install generation whose resync (everything resent to the new install) has not finished, or 0.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<long> UnsyncedInstall();

    /// <summary>Records that everything was resent to install <paramref name="generation"/> (called by the grain's own
    /// resync). Older generations are ignored.</summary>
    Task InstallResynced(long generation);
}
