using System.Data.Common;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// What differs between the two SQL engines the stores run on (SQLite for a single silo, PostgreSQL for a cluster),
/// so that each store is written once against ADO.NET's <see cref="DbConnection"/>. The statements themselves are
/// shared: both engines speak <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c> and <c>@name</c> parameters. What
/// is left is column types, how times are stored, how a schema is created, and the prefix match of queries.
/// Get one from <see cref="SqliteDatabase.Dialect"/> or <see cref="PostgresDatabase.Dialect"/>.
/// </summary>
public abstract class SqlDialect
{
    // Only the two engines of this assembly: the internal members below are part of the contract.
    private protected SqlDialect()
    {
    }

    /// <summary>Column type of text.</summary>
    public abstract string Text { get; }

    /// <summary>Column type of a 32-bit integer.</summary>
    public abstract string Int32 { get; }

    /// <summary>Column type of a 64-bit integer.</summary>
    public abstract string Int64 { get; }

    /// <summary>Definition of an auto-numbered 64-bit primary key column whose ids are never reused.</summary>
    public abstract string AutoIdPrimaryKey { get; }

    /// <summary>What follows the closing parenthesis of a table with a natural primary key (SQLite: WITHOUT ROWID, so
    /// the table is stored in its key's b-tree).</summary>
    public abstract string KeyedTableOptions { get; }

    /// <summary>Column type of text that compares and sorts by code point (keys and index values must page in the
    /// same order on every engine).</summary>
    internal abstract string OrdinalText { get; }

    /// <summary>Column type of a point in time, as written by <see cref="Time"/> and <see cref="PreciseTime"/>.</summary>
    internal abstract string Timestamp { get; }

    /// <summary>True where an <c>INSERT … RETURNING</c> may stand inside a <c>WITH</c> clause (PostgreSQL), so an
    /// insert-if-absent and the read of the row that won are one statement; SQLite allows <c>RETURNING</c> only at the
    /// top level.</summary>
    internal abstract bool InsertsInWithClause { get; }

    /// <summary>Opens a pooled connection with the engine's per-connection settings applied.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for a write (a statement or transaction that changes rows). SQLite has one writer
    /// per file at a time, so the writers of this process take turns for a connection instead of colliding inside the
    /// engine, where a loser sleeps in the busy handler; PostgreSQL hands out any number. Dispose it promptly.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public virtual ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Opens a connection (a writer's if <paramref name="write"/>) and runs <paramref name="work"/> on it. If the
    /// pooled connection turns out to have died while it sat idle in the pool (the database restarted or failed over,
    /// or the network dropped it) so that the statement never reached the server, the work runs once more on a new
    /// connection from outside the pool: otherwise every dead connection left in the pool would fail one caller's
    /// request after the database is back (and a retry from the pool can draw another dead one). Failures with an
    /// unknown outcome (the connection broke after the statement was sent) are not retried, and neither is a failed
    /// open, so a database that is really down still fails a request at once.
    /// </summary>
    internal async Task<T> RunAsync<T>(bool write, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = write
            ? await OpenWriterAsync(cancellationToken).ConfigureAwait(false)
            : await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await work(connection).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDeadOnArrival(ex))
            {
                // Dead before the statement left: nothing ran. Fall through to a new connection.
            }
        }

        var fresh = await OpenFreshConnectionAsync(write, cancellationToken).ConfigureAwait(false);
        await using (fresh.ConfigureAwait(false))
        {
            return await work(fresh).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for work without a result.</summary>
    internal Task RunAsync(bool write, Func<DbConnection, Task> work, CancellationToken cancellationToken) =>
        RunAsync(write, async connection =>
        {
            await work(connection).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Opens a connection that is certainly new (not from a pool), for the retry of <see cref="RunAsync{T}"/>.
    /// Only engines whose <see cref="IsDeadOnArrival"/> can be true need one.</summary>
    internal virtual ValueTask<DbConnection> OpenFreshConnectionAsync(bool write, CancellationToken cancellationToken) =>
        write ? OpenWriterAsync(cancellationToken) : OpenConnectionAsync(cancellationToken);

    /// <summary>True when <paramref name="exception"/> says the connection was already dead when the statement was
    /// sent, so the statement never ran and running it again on another connection is safe.</summary>
    internal virtual bool IsDeadOnArrival(Exception exception) => false;

    /// <summary>Runs schema DDL (every statement <c>IF NOT EXISTS</c>) in one transaction.</summary>
    /// <param name="lockKey">Distinct per schema; PostgreSQL serialises the DDL of silos starting at once on it.</param>
    /// <param name="ddl">The statements, separated by ';'.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public abstract Task EnsureSchemaAsync(long lockKey, string ddl, CancellationToken cancellationToken);

    /// <summary>The parameter value of a point in time, to millisecond precision or better.</summary>
    internal abstract object Time(DateTimeOffset time);

    /// <summary>Reads a point in time written by <see cref="Time"/>.</summary>
    internal abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>The parameter value of a point in time to microsecond precision.</summary>
    internal abstract object PreciseTime(DateTimeOffset time);

    /// <summary>Reads a point in time written by <see cref="PreciseTime"/>.</summary>
    internal abstract DateTimeOffset ReadPreciseTime(DbDataReader reader, int ordinal);

    /// <summary>Starts the transaction under which several reads see one snapshot, or returns null where the engine
    /// needs none for the reads it batches.</summary>
    internal abstract Task<DbTransaction?> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A case-sensitive predicate: <paramref name="column"/> matches the pattern in
    /// <paramref name="parameter"/>, as made by <see cref="PrefixPattern"/>.</summary>
    internal abstract string PrefixPredicate(string column, string parameter);

    /// <summary>The pattern matching every string that starts with <paramref name="prefix"/>, with the engine's
    /// wildcard characters escaped so they match literally.</summary>
    internal abstract string PrefixPattern(string prefix);
}
