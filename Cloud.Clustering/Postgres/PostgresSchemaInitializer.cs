using Microsoft.Extensions.Logging;
using Npgsql;

namespace EdgeHive.Cloud.Clustering.Postgres;

/// <summary>Brings a PostgreSQL database to the schema version of this build (<see cref="OrleansPostgresSchema.Version"/>).</summary>
internal sealed partial class PostgresSchemaInitializer(string connectionString, ILogger logger)
{
    private const string Component = "orleans";
    private const string ResourceName = "EdgeHive.Cloud.Clustering.Sql.postgresql-orleans-" + OrleansPostgresSchema.Version + ".sql";

    /// <summary>Versions an earlier build may have recorded, and that this script upgrades in place (none yet: when a
    /// later Orleans package needs other statements, its script lists the version it replaces here).</summary>
    private static readonly string[] Upgradable = [];

    private static readonly Lazy<string> LazyScript = new(ReadScript);

    public static string Script => LazyScript.Value;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A cheap look first: a started database needs no lock and no DDL.
        var found = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (found == OrleansPostgresSchema.Version)
        {
            LogUpToDate(logger, connection.Database, found);
            return;
        }

        if (found is not null && !Upgradable.Contains(found))
        {
            throw new InvalidOperationException(
                $"The cluster database '{connection.Database}' holds EdgeHive's Orleans schema version {found}, which this " +
                $"build (Orleans {OrleansPostgresSchema.Version}) does not know. Run the silos of the build that wrote it, " +
                "or migrate the database with that build's script.");
        }

        // The script takes the advisory lock itself, so concurrent starters run it one after the other; every
        // statement is idempotent, so the ones that wait find everything there and change nothing.
        await using (var command = new NpgsqlCommand(Script, connection))
        {
            command.CommandTimeout = 120;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        LogCreated(logger, connection.Database, OrleansPostgresSchema.Version, found ?? "none");
    }

    private static async Task<string?> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version FROM edgehive_schema_versions WHERE component = @component", connection);
        command.Parameters.AddWithValue("component", Component);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(PostgresSchemaInitializer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
