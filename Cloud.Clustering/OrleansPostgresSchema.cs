using EdgeHive.Cloud.Clustering.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Cloud.Clustering;

/// <summary>
/// The PostgreSQL schema that Orleans' AdoNet clustering and reminder providers need: tables, the <c>OrleansQuery</c>
/// statements they call by key, and a version row. The Orleans packages ship no SQL; EdgeHive owns this script.
/// </summary>
/// <remarks>
/// <see cref="PostgresClusteringExtensions.UseEdgeHivePostgresClustering(Orleans.Hosting.ISiloBuilder, string)"/>
/// runs <see cref="EnsureCreatedAsync"/> at silo start; call it yourself to prepare a database ahead of time, or run
/// <see cref="GetScript"/> with <c>psql</c>.
/// </remarks>
public static class OrleansPostgresSchema
{
    /// <summary>The Orleans package version the schema is written for, and the version it records in
    /// <c>edgehive_schema_versions</c> (component <c>orleans</c>).</summary>
    public const string Version = "10.4.2";

    /// <summary>The ADO.NET invariant the Orleans providers are configured with.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// An SQL condition on the cluster database that is true unless the membership table records the silo named by the
    /// parameters of <see cref="SiloParameters"/> as Dead (Orleans' <c>SiloStatus.Dead</c>, 6). A silo adds it to its
    /// grain-state writes so that, once the cluster declared it dead, nothing it still runs can change a row.
    /// </summary>
    public const string NotDeclaredDeadCondition =
        "NOT EXISTS (SELECT 1 FROM orleans_membership WHERE deployment_id = @fence_cluster AND address = @fence_address " +
        "AND port = @fence_port AND generation = @fence_generation AND status = 6)";

    /// <summary>The parameters of <see cref="NotDeclaredDeadCondition"/> for <paramref name="silo"/> of cluster
    /// <paramref name="clusterId"/>, in the form Orleans' AdoNet clustering stores the silo's row.</summary>
    public static IReadOnlyDictionary<string, object> SiloParameters(string clusterId, Orleans.Runtime.SiloAddress silo)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentNullException.ThrowIfNull(silo);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["fence_cluster"] = clusterId,
            ["fence_address"] = silo.Endpoint.Address.ToString(),
            ["fence_port"] = silo.Endpoint.Port,
            ["fence_generation"] = silo.Generation,
        };
    }

    /// <summary>The schema script (<c>Sql/postgresql-orleans-10.4.2.sql</c>): idempotent, one transaction behind an
    /// advisory lock.</summary>
    public static string GetScript() => PostgresSchemaInitializer.Script;

    /// <summary>
    /// Creates the schema unless the database already records <see cref="Version"/>. Safe when several processes call
    /// it at once on an empty database (they take turns on a PostgreSQL advisory lock).
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of the cluster database (which must exist).</param>
    /// <param name="logger">Where to log what was done; none when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="InvalidOperationException">The database holds a schema version this build does not know
    /// (written by a newer EdgeHive).</exception>
    public static Task EnsureCreatedAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new PostgresSchemaInitializer(connectionString, logger ?? NullLogger.Instance).EnsureCreatedAsync(cancellationToken);
    }
}
