using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Downstream messages of workloads: an <c>upsert</c> carries the whole workload document (the gateway turns it into the
/// protocol's <c>workload.upsert</c>), a <c>delete</c> nothing but the key. Both carry the workload's resource version of
/// the moment, which only grows, so an old upsert resent after a delete can never resurrect the workload on the node.
/// </summary>
internal static class WorkloadMessages
{
    /// <summary>The workload runs on the node with this spec.</summary>
    public static DownstreamMessage Upsert(Workload workload, DateTimeOffset now) =>
        new(NewId(), ObjectKind.Workload, workload.Key, DownstreamMessages.Update, workload.ResourceVersion, now,
            JsonSerializer.Serialize(workload with { Status = new WorkloadStatus([]) }, CloudJson.Options));

    /// <summary>The workload no longer runs on the node.</summary>
    public static DownstreamMessage Delete(string key, long resourceVersion, DateTimeOffset now) =>
        new(NewId(), ObjectKind.Workload, key, DownstreamMessages.Delete, resourceVersion, now, null);

    private static string NewId() => Guid.NewGuid().ToString("N");
}
