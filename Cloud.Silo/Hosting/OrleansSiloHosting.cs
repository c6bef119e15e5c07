using EdgeHive.Cloud.Clustering;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Cloud.Storage.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using EdgeHive.Cloud.Silo.Observability;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>
/// The Orleans silo that Cloud.Silo hosts in its ASP.NET Core host, where every cloud grain runs. It listens on
/// <c>Cluster:SiloPort</c> and <c>Cluster:GatewayPort</c> and is reached at <c>Cluster:AdvertisedHost</c>; cluster and
/// service id are <c>Cluster:ClusterId</c>. <c>Cluster:Provider=Sqlite</c>: one silo, localhost clustering, reminders in
/// <see cref="ReminderFileName"/> next to the cluster's SQLite file. <c>Postgres</c>: Orleans' AdoNet clustering and
/// reminders on the cluster database (<see cref="PostgresClusteringExtensions.UseEdgeHivePostgresClustering(ISiloBuilder, string)"/>),
/// plus Kubernetes hosting when the silo runs in a pod (<see cref="CloudSiloSettings.Pod"/>).
/// Either way EdgeHive's grain storage (state row and read model in one transaction) is the default storage, its rows
/// scoped by the cluster id.
/// </summary>
internal static class OrleansSiloHosting
{
    /// <summary>File (inside <c>Storage:DataDir</c>) of the single SQLite silo's Orleans reminders.</summary>
    public const string ReminderFileName = "orleans-reminders.db";

    /// <summary>The namespace of the cloud's grain contracts, which Orleans serializes with System.Text.Json (see
    /// docs/architecture.md, "Grain contracts on the wire").</summary>
    public const string ContractNamespace = ContractSerializerExtensions.ContractNamespace;

    /// <summary>Adds the Orleans silo to the host.</summary>
    public static IServiceCollection AddEdgeHiveOrleansSilo(this IServiceCollection services, CloudSiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var database = settings.Database;
        var siloPort = settings.SiloPort == 0 ? CloudSiloSettings.FreePort() : settings.SiloPort;
        var gatewayPort = settings.GatewayPort == 0 ? CloudSiloSettings.FreePort() : settings.GatewayPort;
        services.AddOrleans(silo =>
        {
            if (database.UsePostgres)
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = database.ClusterId;
                    o.ServiceId = database.ClusterId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = settings.AdvertisedAddress();
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                });
                silo.UseEdgeHivePostgresClustering(database.PostgresConnectionString!);
                if (UsesKubernetesHosting(settings))
                {
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, null, database.ClusterId, database.ClusterId);
                silo.UseEdgeHiveSqliteReminders(Path.Combine(Path.GetDirectoryName(database.SqlitePath) ?? ".", ReminderFileName));
            }

            silo.Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = settings.IAmAliveInterval);
            ConfigureCloudGrains(silo, database);
        });

        if (database.UsePostgres)
        {
            // The silo's PostgresDatabase (one connection pool per process) is also the grain storage's.
            // Its writes are fenced on this silo not being declared dead (see DeadSiloFence).
            services.AddOptions<EdgeHiveGrainStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
                .Configure<PostgresDatabase, ILocalSiloDetails, Microsoft.Extensions.Options.IOptions<ClusterOptions>>((o, db, silo, cluster) =>
                {
                    o.Database = db.Dialect;
                    o.Fence = DeadSiloFence.For(cluster.Value.ClusterId, silo.SiloAddress);
                });
        }

        return services;
    }

    /// <summary>True when the Orleans silo uses Kubernetes hosting: in a Kubernetes pod (on PostgreSQL; one SQLite
    /// silo has no cluster to watch) the Orleans silo uses
    /// <c>Microsoft.Orleans.Hosting.Kubernetes</c>: its silo name is the pod's name, it listens on every interface, and
    /// its cluster agents declare silos whose pods are gone dead and delete the pods of silos the cluster declared
    /// dead. This needs the RBAC of deploy/kubernetes/rbac.yaml (pods: get, list, watch, delete in the namespace).
    /// Cluster and service id stay <c>Cluster:ClusterId</c> (unless <c>ORLEANS_CLUSTER_ID</c> /
    /// <c>ORLEANS_SERVICE_ID</c> are set); the advertised address stays <c>Cluster:AdvertisedHost</c>.</summary>
    /// <remarks>The package reads the pod from the same environment variables itself.</remarks>
    public static bool UsesKubernetesHosting(CloudSiloSettings settings) =>
        settings.Database.UsePostgres && settings.Pod is not null;

    /// <summary>What every silo of the cloud has, whatever its clustering: EdgeHive's grain storage as the default
    /// storage (its rows scoped by the cluster id) and the contracts' serializer. Also used by the
    /// grain tests' in-process clusters.</summary>
    /// <param name="silo">The silo.</param>
    /// <param name="database">The cluster database; on PostgreSQL the storage's dialect is set by the caller.</param>
    public static ISiloBuilder ConfigureCloudGrains(ISiloBuilder silo, ClusterDatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(database);
        silo.AddEdgeHiveGrainStorageAsDefault(o =>
        {
            o.ServiceId = database.ClusterId;
            if (!database.UsePostgres)
            {
                o.Database = new SqliteDatabase(database.SqlitePath).Dialect;
            }
        });
        silo.Services.AddContractSerializer();
        silo.Services.AddSingleton<OrleansActivationCounts>();
        silo.Services.AddSingleton<IConfigureGrainContextProvider>(sp => sp.GetRequiredService<OrleansActivationCounts>());
        silo.Services.AddSingleton<PendingGrainCalls>();
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<PendingGrainCalls>());
        return silo;
    }

    /// <summary>The contracts' serializer (<see cref="ContractSerializerExtensions.AddEdgeHiveContractSerializer"/>):
    /// silos and cluster clients need it alike.</summary>
    public static IServiceCollection AddContractSerializer(this IServiceCollection services) =>
        services.AddEdgeHiveContractSerializer();
}
