using Npgsql;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// A PostgreSQL database shared by the stores of a cluster, through one pooled <see cref="NpgsqlDataSource"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>Creates the data source for <paramref name="connectionString"/>.</summary>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        DataSource = NpgsqlDataSource.Create(connectionString);
        Unpooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false });
        Dialect = new PostgresDialect(this);
    }

    /// <summary>The pooled data source; open connections with <c>OpenConnectionAsync</c>.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Connections that never come from the pool: a statement that drew a pooled connection the database had
    /// already dropped runs again on one of these, which is certainly new (see <see cref="SqlDialect"/>.RunAsync).</summary>
    internal NpgsqlDataSource Unpooled { get; }

    /// <summary>The SQL dialect of this database, for the stores written once for every engine.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>
    /// Runs schema DDL (all <c>IF NOT EXISTS</c>) in one transaction under a transaction-scoped advisory lock, because
    /// concurrent <c>CREATE TABLE IF NOT EXISTS</c> from several silos starting at once can still collide in the catalog.
    /// </summary>
    /// <param name="lockKey">Distinct per schema (for example a store's name hashed).</param>
    /// <param name="ddl">The statements.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task EnsureSchemaAsync(long lockKey, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", lockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Unpooled.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
