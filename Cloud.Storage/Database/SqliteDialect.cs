using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// SQLite: dynamic typing (every integer is INTEGER), times as Unix milliseconds (microseconds where precise), and
/// tables with a natural key stored WITHOUT ROWID.
/// </summary>
internal sealed class SqliteDialect(SqliteDatabase database) : SqlDialect
{
    public override string Text => "TEXT";

    public override string Int32 => "INTEGER";

    public override string Int64 => "INTEGER";

    // AUTOINCREMENT so an id freed by a trim is never handed out again.
    public override string AutoIdPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string KeyedTableOptions => " WITHOUT ROWID";

    // The default BINARY collation compares UTF-8 bytes, which is code point order.
    internal override string OrdinalText => "TEXT";

    internal override string Timestamp => "INTEGER";

    internal override bool InsertsInWithClause => false;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);

    // One file has one writer at a time: there is no other silo's DDL to serialise against.
    public override Task EnsureSchemaAsync(long lockKey, string ddl, CancellationToken cancellationToken) =>
        database.EnsureSchemaAsync(ddl, cancellationToken);

    internal override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    internal override object PreciseTime(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    internal override DateTimeOffset ReadPreciseTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * 10);

    // A deferred transaction is one read snapshot in WAL mode; without it every statement would see its own.
    internal override Task<DbTransaction?> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction?>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    // GLOB, because SQLite's LIKE is case-insensitive.
    internal override string PrefixPredicate(string column, string parameter) => $"{column} GLOB {parameter}";

    internal override string PrefixPattern(string prefix)
    {
        var pattern = new StringBuilder(prefix.Length + 8);
        foreach (var c in prefix)
        {
            _ = c is '*' or '?' or '[' ? pattern.Append('[').Append(c).Append(']') : pattern.Append(c);
        }

        return pattern.Append('*').ToString();
    }
}
