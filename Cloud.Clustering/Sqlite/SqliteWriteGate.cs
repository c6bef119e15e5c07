using System.Collections.Concurrent;

namespace EdgeHive.Cloud.Clustering.Sqlite;

/// <summary>
/// One writer at a time per SQLite file in this process. SQLite admits one writer per file; writers that collide
/// inside the engine sleep in its busy handler and retry, so the process lets them take turns here instead.
/// Readers never wait (WAL).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string path) => Gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
}
