using EdgeHive.Cloud.Clustering;
using EdgeHive.Cloud.Storage.GrainState;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>
/// The grain-storage fence of a silo in a PostgreSQL cluster: a write of grain state commits only while the membership
/// table does not record this silo as Dead. Orleans may keep a silo running for a while after the cluster declared it
/// dead (frozen by SIGSTOP, a long GC pause, a network partition): on waking it runs the calls queued for it — calls whose
/// callers were already told the silo was unavailable (503 on REST) — before it learns its fate and stops. A fresh
/// activation there would read the current row and pass the ETag check, so without the fence such a late call could
/// still change state after the cluster moved on (a desired value the operator saw refused, applied after a newer one).
/// The condition runs in the write's own statement (<see cref="OrleansPostgresSchema.NotDeclaredDeadCondition"/>); a
/// refused write changes nothing and throws <see cref="SiloUnavailableException"/>, which REST answers with 503.
/// </summary>
internal static class DeadSiloFence
{
    /// <summary>The fence for <paramref name="silo"/> of cluster <paramref name="clusterId"/>.</summary>
    public static WriteFence For(string clusterId, SiloAddress silo) =>
        new(OrleansPostgresSchema.NotDeclaredDeadCondition,
            OrleansPostgresSchema.SiloParameters(clusterId, silo),
            () => new SiloUnavailableException(
                $"Silo {silo} was declared dead by the cluster and no longer writes grain state; retry (another silo serves the request)."));
}
