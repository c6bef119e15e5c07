using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// One SQLite file shared by the stores of a single silo. Connections come from Microsoft.Data.Sqlite's pool; the file
/// runs in WAL mode so readers never block the writer, and a busy writer is retried (up to the command timeout)
/// instead of failing. <c>synchronous=FULL</c> by default: an acknowledged write survives a crash of the process and
/// of the machine.
/// </summary>
public sealed class SqliteDatabase
{
    // Per file, not per instance: several stores of one process may each open the same file.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriterTurns = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writerTurn;
    private readonly string _connectionString;
    private readonly string _synchronous;
    private int _initialized;

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    /// <param name="path">File path; its directory is created if missing.</param>
    /// <param name="fullSync">False trades durability against power loss for write speed (still safe against a
    /// process crash in WAL mode).</param>
    public SqliteDatabase(string path, bool fullSync = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
        }

        Path = path;
        _synchronous = fullSync ? "FULL" : "NORMAL";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _writerTurn = WriterTurns.GetOrAdd(System.IO.Path.GetFullPath(path), static _ => new SemaphoreSlim(1, 1));
        Dialect = new SqliteDialect(this);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The SQL dialect of this file, for the stores written once for every engine.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Opens a pooled connection with the per-connection settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ApplySettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Opens a pooled connection for a write, after the writers of this process before it are done: SQLite admits one
    /// writer per file, and a writer that collides with another inside the engine sleeps in the busy handler, which
    /// under a burst of writes costs far more than taking turns. Writers of other processes on the same file (a
    /// standalone portal, tools) still meet the busy handler. Disposing the connection ends the turn.
    /// </summary>
    public async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writerTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new WriterConnection(_connectionString, _writerTurn);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ApplySettingsAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs schema DDL (statements separated by ';', all <c>IF NOT EXISTS</c>) in one transaction.</summary>
    public async Task EnsureSchemaAsync(string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = ddl;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplySettingsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            // journal_mode is stored in the file; setting it once is enough but cheap to repeat on first open.
            command.CommandText = Interlocked.Exchange(ref _initialized, 1) == 0
                ? $"PRAGMA journal_mode=WAL; PRAGMA synchronous={_synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;"
                : $"PRAGMA synchronous={_synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
