using Microsoft.Data.Sqlite;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>A SQLite connection that holds its process's writer turn for the file until it is disposed.</summary>
internal sealed class WriterConnection(string connectionString, SemaphoreSlim turn) : SqliteConnection(connectionString)
{
    private int _released;

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing && Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
