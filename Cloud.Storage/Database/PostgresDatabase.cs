using Npgsql;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// A PostgreSQL database shared by the stores of a cluster, through one pooled <see cref="NpgsqlDataSource"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>How long PostgreSQL lets one of the silo's sessions sit idle inside an open transaction before it ends
    /// the session (<c>idle_in_transaction_session_timeout</c>), unless the connection string's <c>Options</c> sets it.
    /// A silo frozen between two statements of a transaction (SIGSTOP, a VM paused, a process stalled) would otherwise
    /// hold the row locks of that transaction for as long as it is frozen, and the silo that took its grains over would
    /// wait on them; ended, the frozen silo's transaction rolls back and its write fails when it wakes. The silo's own
    /// transactions never wait on anything between statements, so a live silo is not affected.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Creates the data source for <paramref name="connectionString"/>.</summary>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = WithIdleInTransactionTimeout(new NpgsqlConnectionStringBuilder(connectionString));
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Unpooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false });
        Dialect = new PostgresDialect(this);
    }

    /// <summary><paramref name="builder"/> with <see cref="IdleInTransactionTimeout"/> added to its <c>Options</c>,
    /// unless they already set <c>idle_in_transaction_session_timeout</c>.</summary>
    public static NpgsqlConnectionStringBuilder WithIdleInTransactionTimeout(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        const string Setting = "idle_in_transaction_session_timeout";
        if (builder.Options?.Contains(Setting, StringComparison.OrdinalIgnoreCase) != true)
        {
            var option = $"-c {Setting}={(long)IdleInTransactionTimeout.TotalMilliseconds}";
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? option : builder.Options + " " + option;
        }

        return builder;
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
