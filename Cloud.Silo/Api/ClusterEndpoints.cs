using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary><c>GET /api/v1/cluster/silos</c>: the cluster's silos from Orleans' membership table and management grain
/// (<see cref="ClusterView"/>), each with its status, start and last I-am-alive times and, when active, its
/// activations per grain type. Any silo answers for the whole cluster. Admin only.</summary>
internal static class ClusterEndpoints
{
    public static void MapCluster(this RouteGroupBuilder api)
    {
        api.MapGet("/cluster/silos", ListSilosAsync)
            .WithTags("Cluster").RequireAuthorization(ApiPolicies.Admin).Produces<SiloList>();
    }

    private static async Task<IResult> ListSilosAsync(ClusterView cluster, CancellationToken ct)
    {
        var silos = await cluster.SilosAsync(ct);
        var items = silos
            .Select(s => new SiloView(
                s.Address,
                s.Name,
                s.HostName,
                s.Status.ToLowerInvariant(),
                s.GatewayPort,
                s.StartTime,
                s.LastAlive,
                s.IsLocal,
                s.Activations,
                s.ActivationsByType))
            .ToArray();
        return TypedResults.Json(new SiloList(items, items.Length));
    }
}
