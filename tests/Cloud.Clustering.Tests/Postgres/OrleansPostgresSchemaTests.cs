using System.Reflection;
using Npgsql;
using Orleans.Runtime.MembershipService;

namespace EdgeHive.Cloud.Clustering.Tests.Postgres;

public sealed class OrleansPostgresSchemaTests
{
    [Fact]
    public async Task Many_initialisers_at_once_on_an_empty_database_all_succeed()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("schema");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => OrleansPostgresSchema.EnsureCreatedAsync(cs))));

        Assert.Equal(OrleansPostgresSchema.Version, await ScalarAsync<string>(cs, "SELECT version FROM edgehive_schema_versions WHERE component = 'orleans'"));
        Assert.Equal(16L, await ScalarAsync<long>(cs, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task The_script_holds_every_statement_the_Orleans_providers_ask_for()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("schema");
        await OrleansPostgresSchema.EnsureCreatedAsync(cs);
        var stored = new HashSet<string>();
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        // The keys are the internal properties of each provider's DbStoredQueries, which refuses to start without them.
        var asked = QueryKeys(typeof(AdoNetClusteringTable).Assembly, "Orleans.Clustering.AdoNet.Storage.DbStoredQueries")
            .Concat(QueryKeys(typeof(Orleans.Configuration.AdoNetReminderTableOptions).Assembly, "Orleans.Reminders.AdoNet.Storage.DbStoredQueries"))
            .ToHashSet();
        Assert.Equal(16, asked.Count);
        Assert.Empty(asked.Except(stored));
        Assert.Empty(stored.Except(asked));
    }

    [Fact]
    public async Task A_database_that_holds_this_version_is_left_alone()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("schema");
        await OrleansPostgresSchema.EnsureCreatedAsync(cs);
        await ExecuteAsync(cs, "UPDATE OrleansQuery SET QueryText = QueryText || ' ' WHERE QueryKey = 'GatewaysQueryKey'");
        var applied = await ScalarAsync<DateTime>(cs, "SELECT applied_at FROM edgehive_schema_versions");

        await OrleansPostgresSchema.EnsureCreatedAsync(cs);

        Assert.Equal(applied, await ScalarAsync<DateTime>(cs, "SELECT applied_at FROM edgehive_schema_versions"));
        Assert.EndsWith(" ", await ScalarAsync<string>(cs, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'"));
    }

    [Fact]
    public async Task A_database_of_an_unknown_version_is_refused_and_not_touched()
    {
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("schema");
        await OrleansPostgresSchema.EnsureCreatedAsync(cs);
        await ExecuteAsync(cs, "UPDATE edgehive_schema_versions SET version = '99.0.0'");
        await ExecuteAsync(cs, "DELETE FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OrleansPostgresSchema.EnsureCreatedAsync(cs));

        Assert.Contains("99.0.0", error.Message);
        Assert.Equal(15L, await ScalarAsync<long>(cs, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task The_script_runs_as_is_and_twice()
    {
        // What an operator does with psql: the embedded script alone, twice, leaves a database silos accept as it is.
        var cs = await TestDatabases.CreatePostgresDatabaseAsync("schema");
        await ExecuteAsync(cs, OrleansPostgresSchema.GetScript());
        await ExecuteAsync(cs, OrleansPostgresSchema.GetScript());

        Assert.Equal(OrleansPostgresSchema.Version, await ScalarAsync<string>(cs, "SELECT version FROM edgehive_schema_versions WHERE component = 'orleans'"));
        Assert.Equal(16L, await ScalarAsync<long>(cs, "SELECT count(*) FROM OrleansQuery"));
    }

    private static IEnumerable<string> QueryKeys(Assembly assembly, string typeName) =>
        (assembly.GetType(typeName) ?? throw new InvalidOperationException(typeName + " not found in " + assembly.GetName().Name))
        .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
        .Select(p => p.Name)
        .Where(n => n.EndsWith("Key", StringComparison.Ordinal));

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
