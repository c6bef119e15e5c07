using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>A fresh PostgreSQL database per test; every store gets its own <see cref="PostgresDatabase"/> (own
/// connection pool) on it, as separate silos would.</summary>
internal sealed class PostgresTestBackend : IAsyncDisposable
{
    private readonly List<PostgresDatabase> _databases = [];
    private string? _connectionString;

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreatePostgresDatabaseAsync("stores");

    public PostgresDatabase NewDatabase()
    {
        var database = new PostgresDatabase(_connectionString ?? throw new InvalidOperationException("Not initialised."));
        lock (_databases)
        {
            _databases.Add(database);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
