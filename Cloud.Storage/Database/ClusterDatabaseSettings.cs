using Microsoft.Extensions.Configuration;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// Where a cluster keeps its database, read from configuration under the names the silos and the standalone portal
/// share (scripts rely on them): <c>Cluster:Provider</c> (<c>Sqlite</c>, default, or <c>Postgres</c>),
/// <c>Storage:DataDir</c> (default <c>./.data</c>; the SQLite file is <see cref="SqliteFileName"/> in it),
/// <c>ConnectionStrings:Postgres</c> and <c>Cluster:ClusterId</c> (default <c>edgehive</c>).
/// </summary>
/// <param name="UsePostgres">True for PostgreSQL (a cluster), false for a SQLite file (a single silo).</param>
/// <param name="SqlitePath">The SQLite file, whichever provider is chosen.</param>
/// <param name="PostgresConnectionString">The PostgreSQL connection string; set whenever <paramref name="UsePostgres"/> is.</param>
/// <param name="ClusterId">The cluster whose rows the stores read and write.</param>
public sealed record ClusterDatabaseSettings(bool UsePostgres, string SqlitePath, string? PostgresConnectionString, string ClusterId)
{
    /// <summary>File name of a single silo's SQLite database inside <c>Storage:DataDir</c>.</summary>
    public const string SqliteFileName = "edgehive.db";

    /// <summary>Reads the settings, with the documented defaults for names that are absent or empty.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="InvalidOperationException">An unknown provider, or Postgres without a connection string.</exception>
    public static ClusterDatabaseSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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
        return new ClusterDatabaseSettings(
            usePostgres,
            Path.Combine(dataDir, SqliteFileName),
            connectionString,
            configuration["Cluster:ClusterId"] is { Length: > 0 } c ? c : "edgehive");
    }
}
