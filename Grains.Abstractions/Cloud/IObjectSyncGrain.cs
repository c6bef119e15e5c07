namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per (node, object) (key: <c>{node}|{kind}|{objectKey}</c>, see <see cref="ObjectKind"/> for kind names):
/// the last resource version sent to the node and the last it acknowledged. Versions only move forward.
/// </summary>
public interface IObjectSyncGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>Records that <paramref name="resourceVersion"/> is about to be sent. Call it before sending, so a
    /// crash in between leaves the object pending rather than forgotten.</summary>
    Task<ObjectSync> RecordSent(long resourceVersion);

    /// <summary>Records the node's acknowledgement of <paramref name="resourceVersion"/>; an older one is ignored.</summary>
    Task<ObjectSync> Ack(long resourceVersion);

    /// <summary>The bookkeeping, or <see cref="OperationStatus.NotFound"/> when nothing was ever sent.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<OperationResult<ObjectSync>> Get();

    /// <summary>Forgets the record, once the object is deleted and the node acknowledged the deletion.</summary>
    Task Delete();
}
