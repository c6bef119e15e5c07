using Microsoft.Data.Sqlite;

namespace EdgeHive.Edge.Agent.Storage;

/// <summary>
/// The agent's single SQLite file: cloud objects (<c>meta</c>), devices and twins, the upstream outbox and the node
/// credential, so the agent works offline and survives restarts. One connection serves the whole agent, guarded by
/// a lock: edge write rates are low and a single writer never meets <c>SQLITE_BUSY</c> from itself. WAL journal,
/// <c>synchronous=FULL</c> (a committed write survives power loss) and a busy timeout for other processes (backup
/// tools) that may hold the file briefly. Every method commits before it returns.
/// </summary>
public sealed class AgentDatabase : IAsyncDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _disposed;

    private AgentDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public static async Task<AgentDatabase> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Restrict(path);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragmas = connection.CreateCommand())
            {
                // busy_timeout first: switching a fresh file to WAL needs the file to itself, and another process may be
                // creating the schema in it right now.
                pragmas.CommandText = "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            return new AgentDatabase(path, connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Keeps the file to the agent's user: it holds the node credential. The directory is created (or tightened) to
    /// 0700 and the database with its WAL and shared-memory files to 0600 — SQLite gives the side files the main
    /// file's mode. A sticky directory such as <c>/tmp</c> is shared by design and left as it is.
    /// </summary>
    private static void Restrict(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        if (!string.IsNullOrEmpty(directory))
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
            else if ((File.GetUnixFileMode(directory) & UnixFileMode.StickyBit) == 0)
            {
                File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) & ~GroupAndOthers);
            }
        }

        // OpenOrCreate, not CreateNew: another process opening the same fresh file may create it first; the mode
        // applies only when this call creates it, and an existing file is tightened below.
        using (new FileStream(full, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnlyFile,
        }))
        {
        }

        foreach (var file in new[] { full, full + "-wal", full + "-shm", full + "-journal" })
        {
            try
            {
                File.SetUnixFileMode(file, OwnerOnlyFile);
            }
            catch (FileNotFoundException)
            {
                // No such side file now (or another connection just removed it); SQLite gives a new one the main file's mode.
            }
        }
    }

    /// <summary>Schema version stored in the file (<c>PRAGMA user_version</c>).</summary>
    public Task<long> GetSchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(c => ScalarAsync(c, null, "PRAGMA user_version", cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="work"/> alone on the connection, without a transaction (reads).</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await work(_connection).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it before returning.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(_connection, transaction).ConfigureAwait(false);

            // The commit is not cancellable: once the work is done, half-committed intent is worse than a late return.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Creates a command with positional parameters named <c>$p0</c>, <c>$p1</c>, ….</summary>
    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i, parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    internal static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Brings the file to <see cref="AgentSchema.CurrentVersion"/>. Another process (a second agent, a tool, a test
    /// reading the file) may open the same fresh file at the same moment, so the version is read and every missing
    /// migration applied inside one <c>BEGIN IMMEDIATE</c> transaction: SQLite lets one writer in, the other waits
    /// (busy timeout), then reads the version the first one committed and has nothing left to do. Nobody sees a
    /// half-built schema: the tables and <c>user_version</c> commit together.
    /// </summary>
    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // The usual case, a file already at the current version, takes no write lock.
        var version = await ScalarAsync(connection, null, "PRAGMA user_version", cancellationToken).ConfigureAwait(false);
        if (version == AgentSchema.CurrentVersion)
        {
            return;
        }

        ThrowIfNewer(version);

        // deferred: false is BEGIN IMMEDIATE: the write lock is taken before the version is read, never upgraded later.
        await using var transaction = connection.BeginTransaction(deferred: false);
        version = await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken).ConfigureAwait(false);
        ThrowIfNewer(version);
        if (version == AgentSchema.CurrentVersion)
        {
            return;
        }

        for (var next = (int)version; next < AgentSchema.CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, AgentSchema.Migrations[next], cancellationToken).ConfigureAwait(false);
        }

        // user_version lives in the file header and is written by this same transaction.
        await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {AgentSchema.CurrentVersion}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ThrowIfNewer(long version)
    {
        if (version > AgentSchema.CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The agent database has schema version {version}, newer than this agent understands ({AgentSchema.CurrentVersion}). Use a newer agent.");
        }
    }
}
