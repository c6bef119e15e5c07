namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per workload (key: <c>{namespace}/{name}</c>), an Orleans grain. Writes take the raw <c>If-Match</c> header
/// value like <see cref="IDeviceModelGrain"/>. The grain places the workload (a node name, or every node matching the
/// label selector), pushes a <c>workload.upsert</c> to each node it runs on and a <c>workload.delete</c> to each node it
/// leaves, through the node's session outbox (persisted, acknowledged, resent on reconnect; one object-sync record per
/// node × workload), and keeps the status each node reports.
/// </summary>
public interface IWorkloadGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>The workload, or <see cref="OperationStatus.NotFound"/>.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<OperationResult<Workload>> Get();

    /// <summary>Creates the workload and assigns it. <see cref="OperationStatus.Conflict"/> when it exists;
    /// <see cref="OperationStatus.ValidationFailed"/> when the spec or the key breaks a rule.</summary>
    Task<OperationResult<Workload>> Create(WorkloadSpec spec);

    /// <summary>Replaces the spec; nodes get the new spec (and restart the process) only when the process part changed.</summary>
    Task<OperationResult<Workload>> Replace(WorkloadSpec spec, string? ifMatch);

    /// <summary>Applies an RFC 7396 JSON merge patch to the workload document; only <c>spec</c> may change.</summary>
    Task<OperationResult<Workload>> Patch(string mergePatchJson, string? ifMatch);

    /// <summary>Deletes the workload: every node it ran on is told to stop it.</summary>
    Task<OperationResult<Workload>> Delete(string? ifMatch);

    /// <summary>Records a node's status report. Reports of nodes the workload is not assigned to (any more), and of a
    /// workload that does not exist, are taken and ignored (<see cref="OperationStatus.Ok"/>), so the node's outbox drains.</summary>
    Task<OperationResult<Workload>> ReportStatus(string node, WorkloadStatusUpdate update);

    /// <summary>Evaluates a label-selector placement again over the nodes' current labels (also done by a reminder every
    /// minute while the workload exists) and resends owed pushes.</summary>
    Task<OperationResult<Workload>> Reconcile();

    /// <summary>The node <paramref name="nodeName"/> was re-installed (joined again with an empty store) as install
    /// generation <paramref name="install"/>: if the workload is assigned to it, the node is owed an upsert at a new
    /// resource version (through its session's persisted outbox) and its status from the old install is forgotten (the
    /// node shows Pending, and the new install's first report is taken whatever its sequence). Done once per install
    /// generation: repeating it only pushes what is still owed.</summary>
    Task ResyncForNewInstall(string nodeName, long install);
}
