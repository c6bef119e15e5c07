using EdgeHive.Cloud.Storage.SystemRecords;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary><c>GET /api/v1/cluster/silos</c>: the membership view of the answering silo, each silo with its status and
/// the statistics it last stored (the answering silo's own are live). Admin only.</summary>
internal static class ClusterEndpoints
{
    public static void MapCluster(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster/silos", ListSilosAsync)
            .WithTags("Cluster").RequireAuthorization(ApiPolicies.Admin).Produces<SiloList>();
    }

    private static async Task<IResult> ListSilosAsync(RuntimeSilo silo, OrleansActivationCounts orleans, CloudMetrics metrics, ISystemRecordStore storage, TimeProvider time, CancellationToken ct)
    {
        var stored = await SystemRows.ListAsync<SiloStats>(storage, SystemRows.SiloStats, ct);
        var statsBySilo = stored.ToDictionary(s => s.Silo, StringComparer.Ordinal);
        var self = silo.IsRunning ? silo.Address : null;
        if (self is not null)
        {
            statsBySilo[self.ToString()] = SiloStatsPublisher.Snapshot(silo, orleans, metrics, time.GetUtcNow());
        }

        var items = silo.Members
            .Select(m => new SiloView(
                m.Silo.ToString(),
                m.SiloName,
                m.Status.ToString().ToLowerInvariant(),
                m.GatewayPort,
                m.StartTime,
                m.IAmAliveTime,
                m.Silo == self,
                statsBySilo.GetValueOrDefault(m.Silo.ToString())))
            .ToArray();
        return TypedResults.Json(new SiloList(items, items.Length));
    }
}
