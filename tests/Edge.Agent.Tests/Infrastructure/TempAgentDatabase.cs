using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.Tests.Infrastructure;

/// <summary>An agent database in a fresh temp directory, removed on dispose; can be closed and reopened.</summary>
public sealed class TempAgentDatabase : IAsyncDisposable
{
    private TempAgentDatabase(string directory, AgentDatabase database)
    {
        Directory = directory;
        Database = database;
    }

    public string Directory { get; }

    public string FilePath => Path.Combine(Directory, "edge.db");

    public AgentDatabase Database { get; private set; }

    public static async Task<TempAgentDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "edgehive-agent-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var database = await AgentDatabase.OpenAsync(Path.Combine(directory, "edge.db"), CancellationToken.None);
        return new TempAgentDatabase(directory, database);
    }

    /// <summary>Closes the file and opens it again, as an agent restart does.</summary>
    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        Database = await AgentDatabase.OpenAsync(FilePath, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind does not affect other tests.
        }
    }
}
