using Npgsql;

namespace EdgeHive.Testing;

/// <summary>
/// Real databases for tests. PostgreSQL comes from the private server that <c>./test.sh</c> starts (its connection
/// string is in EDGEHIVE_TEST_POSTGRES); each call creates a fresh database so tests never see each other's rows.
/// SQLite is a file in a fresh temp directory.
/// </summary>
public static class TestDatabases
{
    /// <summary>Environment variable holding the connection string of the test PostgreSQL server.</summary>
    public const string PostgresVariable = "EDGEHIVE_TEST_POSTGRES";

    /// <summary>Connection string of the test server's maintenance database; fails loudly when it is missing,
    /// because a skipped database test would pretend coverage it does not give.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the suite with ./test.sh, which starts a private PostgreSQL server.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>A path for a SQLite file in a new temp directory.</summary>
    public static string NewSqliteFile(string name = "edgehive.db")
    {
        var dir = Path.Combine(Path.GetTempPath(), "edgehive-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
