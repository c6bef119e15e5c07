using System.Data;
using Npgsql;

namespace EdgeHive.Grains.Runtime.Database;

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
        Dialect = new PostgresDialect(this);
    }

    /// <summary>The pooled data source; open connections with <c>OpenConnectionAsync</c>.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The SQL dialect of this database, for the stores written once for every engine.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Opens a pooled connection that clears the pool if it breaks (see <see cref="OnStateChange"/>).</summary>
    internal async ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.StateChange += OnStateChange;
        return connection;
    }

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
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private void OnStateChange(object sender, StateChangeEventArgs e)
    {
        // A connection that breaks (rather than being closed by us) means the server or the network went away, and
        // then every idle connection in the pool is most likely dead as well: a restarted or failed-over database
        // dropped all of them. Npgsql does not notice that until each one is used and fails a caller's request, so
        // the pool is emptied at the first sign; connections in use are discarded when they come back.
        if (e.CurrentState == ConnectionState.Closed && sender is NpgsqlConnection { FullState: var state } && state.HasFlag(ConnectionState.Broken))
        {
            DataSource.Clear();
        }
    }
}
