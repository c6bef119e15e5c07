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
    /// the next install generation and bumps the node's resource version. Returns the generation.</summary>
    Task<long> BeginInstall();

    /// <summary>The install generation whose resync (everything resent to the new install) has not finished, or 0.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<long> UnsyncedInstall();

    /// <summary>Records that everything was resent to install <paramref name="generation"/>. Older generations are ignored.</summary>
    Task InstallResynced(long generation);
}
