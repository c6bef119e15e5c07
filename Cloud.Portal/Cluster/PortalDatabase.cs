using EdgeHive.Grains.Runtime.Database;
using EdgeHive.Grains.Runtime.Persistence;
using Microsoft.Extensions.Configuration;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// Where a standalone portal finds the cluster database for its user store, under the silos' configuration names:
/// <c>Cluster:Provider</c> (<c>Sqlite</c>, default, or <c>Postgres</c>), <c>Storage:DataDir</c> (default <c>./.data</c>;
/// the file is <c>edgehive.db</c> in it, as a single silo writes it), <c>ConnectionStrings:Postgres</c> and
/// <c>Cluster:ClusterId</c> (default <c>edgehive</c>).
/// </summary>
internal sealed record PortalDatabase(bool UsePostgres, string SqlitePath, string? PostgresConnectionString, string ClusterId)
{
    /// <summary>The single silo's database file name (the silo's <c>CloudSiloServiceCollectionExtensions.SqliteFileName</c>).</summary>
    public const string SqliteFileName = "edgehive.db";

    /// <exception cref="InvalidOperationException">An unknown provider, or Postgres without a connection string.</exception>
    public static PortalDatabase Read(IConfiguration configuration)
    {
        var provider = configuration["Cluster:Provider"] is { Length: > 0 } p ? p : "Sqlite";
        var usePostgres = provider.ToUpperInvariant() switch
        {
            "SQLITE" => false,
            "POSTGRES" or "POSTGRESQL" => true,
            _ => throw new InvalidOperationException($"Cluster:Provider '{provider}' is not supported; use Sqlite or Postgres."),
        };
        var connectionString = configuration.GetConnectionString("Postgres");
        if (usePostgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Cluster:Provider is Postgres but ConnectionStrings:Postgres is not set.");
        }

        var dataDir = configuration["Storage:DataDir"] is { Length: > 0 } d ? d : "./.data";
        return new PortalDatabase(
            usePostgres,
            Path.Combine(dataDir, SqliteFileName),
            connectionString,
            configuration["Cluster:ClusterId"] is { Length: > 0 } c ? c : "edgehive");
    }

    /// <summary>The grain storage the user store writes to.</summary>
    public IGrainStorage CreateStorage(IServiceProvider services, TimeProvider time) => UsePostgres
        ? GrainStorageFactory.Postgres((PostgresDatabase)services.GetService(typeof(PostgresDatabase))!, ClusterId, time)
        : GrainStorageFactory.Sqlite(SqlitePath, ClusterId, time);
}
