using System.Data.Common;
using System.Text;
using Npgsql;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// PostgreSQL: typed columns, times as <c>timestamptz</c> (microsecond precision), keys collated "C" so they sort by
/// code point and prefix <c>LIKE</c> can use the b-tree indexes.
/// </summary>
internal sealed class PostgresDialect(PostgresDatabase database) : SqlDialect
{
    public override string Text => "text";

    public override string Int32 => "integer";

    public override string Int64 => "bigint";

    public override string AutoIdPrimaryKey => "BIGSERIAL PRIMARY KEY";

    public override string KeyedTableOptions => string.Empty;

    internal override string OrdinalText => "text COLLATE \"C\"";

    internal override string Timestamp => "timestamptz";

    internal override bool InsertsInWithClause => true;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override async ValueTask<DbConnection> OpenFreshConnectionAsync(bool write, CancellationToken cancellationToken) =>
        await database.Unpooled.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    internal override bool IsDeadOnArrival(Exception exception) => exception switch
    {
        // The server ended the session (shutdown for a restart or failover, pg_terminate_backend): it sent FATAL and
        // closed, and a transaction it interrupted rolled back, so nothing of the work was committed.
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown } => true,

        // The socket was already reset when the statement was written, so no byte of it reached the server. Npgsql
        // has no error code for this; its message tells writing (outcome known: not run) from reading (unknown).
        NpgsqlException { InnerException: IOException } e => e.Message.StartsWith("Exception while writing", StringComparison.Ordinal),
        _ => false,
    };

    public override Task EnsureSchemaAsync(long lockKey, string ddl, CancellationToken cancellationToken) =>
        database.EnsureSchemaAsync(lockKey, ddl, cancellationToken);

    // Npgsql writes timestamptz only from UTC values.
    internal override object Time(DateTimeOffset time) => time.ToUniversalTime();

    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    internal override object PreciseTime(DateTimeOffset time) => time.ToUniversalTime();

    internal override DateTimeOffset ReadPreciseTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    // Statements batched in one command share one implicit transaction; READ COMMITTED gives each its own snapshot
    // anyway, so an explicit transaction would only add round trips.
    internal override Task<DbTransaction?> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction?>(null);

    internal override string PrefixPredicate(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    internal override string PrefixPattern(string prefix)
    {
        var pattern = new StringBuilder(prefix.Length + 8);
        foreach (var c in prefix)
        {
            _ = c is '\\' or '%' or '_' ? pattern.Append('\\').Append(c) : pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }
}
