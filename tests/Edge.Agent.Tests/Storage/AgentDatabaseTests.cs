using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;

namespace EdgeHive.Edge.Agent.Tests.Storage;

[UnsupportedOSPlatform("windows")]
public sealed class AgentDatabaseTests
{
    [Fact]
    public async Task New_file_is_migrated_to_the_current_schema_in_wal_mode()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();

        Assert.Equal(AgentSchema.CurrentVersion, await temp.Database.GetSchemaVersionAsync(default));
        await using var probe = new SqliteConnection($"Data Source={temp.FilePath};Pooling=false");
        await probe.OpenAsync();
        await using var command = probe.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)";
        Assert.Equal("credential,device,device_attr,device_twin,meta,outbox", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task New_database_holding_the_credential_is_private_to_the_agent_user()
    {
        var root = Path.Combine(Path.GetTempPath(), "edgehive-perm-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(root, "agent", "edge.db");
        try
        {
            await using (var database = await AgentDatabase.OpenAsync(file, default))
            {
                await new CredentialStore(database, TimeProvider.System).SaveAsync(new NodeCredential("edge-1", "ehn_edge-1.secret"), default);
                AssertPrivate(Path.GetDirectoryName(file)!, file);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Readable_database_of_an_older_agent_is_tightened_when_opened()
    {
        var root = Path.Combine(Path.GetTempPath(), "edgehive-perm-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(root, "edge.db");
        try
        {
            await (await AgentDatabase.OpenAsync(file, default)).DisposeAsync();
            var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            File.SetUnixFileMode(file, readable);
            File.SetUnixFileMode(root, readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

            await using var database = await AgentDatabase.OpenAsync(file, default);

            AssertPrivate(root, file);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertPrivate(string directory, string file)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        foreach (var path in Directory.GetFiles(directory))
        {
            Assert.True((UnixFileMode.UserRead | UnixFileMode.UserWrite) == File.GetUnixFileMode(path), $"{path}: {File.GetUnixFileMode(path)}");
        }

        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Connections_opening_one_fresh_file_at_once_all_see_the_finished_schema()
    {
        // Several agent-database opens (separate connections, as separate processes have) released together on a
        // fresh, not yet existing directory, round after round: every open succeeds and finds the whole schema.
        const int Openers = 4;
        const int Rounds = 40;
        var root = Path.Combine(Path.GetTempPath(), "edgehive-race-" + Guid.NewGuid().ToString("N"));
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                var file = Path.Combine(root, round.ToString(System.Globalization.CultureInfo.InvariantCulture), "agent", "edge.db");
                using var start = new Barrier(Openers);
                var openers = Enumerable.Range(0, Openers).Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)), "all openers reached the start line");
                        return OpenAndDescribeAsync(file).GetAwaiter().GetResult();
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default)).ToArray();

                var seen = await Task.WhenAll(openers);

                Assert.All(seen, s => Assert.Equal((AgentSchema.CurrentVersion, "credential,device,device_attr,device_twin,meta(deleted),outbox"), s));
                AssertPrivate(Path.GetDirectoryName(file)!, file);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(long Version, string Tables)> OpenAndDescribeAsync(string file)
    {
        await using var database = await AgentDatabase.OpenAsync(file, default);
        var version = await database.GetSchemaVersionAsync(default);
        await using var probe = new SqliteConnection($"Data Source={file};Pooling=false");
        await probe.OpenAsync();
        await using var command = probe.CreateCommand();
        command.CommandText = """
            SELECT group_concat(name || CASE WHEN name = 'meta' AND EXISTS (SELECT 1 FROM pragma_table_info('meta') WHERE name = 'deleted') THEN '(deleted)' ELSE '' END)
            FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)
            """;
        return (version, (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task File_from_a_newer_agent_is_refused_with_a_clear_error()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        await temp.Database.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={temp.FilePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {AgentSchema.CurrentVersion + 1}";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AgentDatabase.OpenAsync(temp.FilePath, default));
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public async Task Meta_objects_keep_the_newest_resource_version_across_restarts()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var meta = new MetaStore(temp.Database, TimeProvider.System);
        Assert.True(await meta.UpsertAsync(new MetaObject("device", "default/counter", "7", """{"v":7}"""), default));

        await temp.ReopenAsync();
        meta = new MetaStore(temp.Database, TimeProvider.System);

        Assert.False(await meta.UpsertAsync(new MetaObject("device", "default/counter", "6", """{"v":6}"""), default));
        Assert.Equal("""{"v":7}""", (await meta.GetAsync("device", "default/counter", default))!.Content);
        Assert.True(await meta.UpsertAsync(new MetaObject("device", "default/counter", "8", """{"v":8}"""), default));
        Assert.Equal(["default/counter"], (await meta.ListAsync("device", default)).Select(m => m.Key));
        Assert.True(await meta.DeleteAsync("device", "default/counter", default));
        Assert.Null(await meta.GetAsync("device", "default/counter", default));
    }

    [Fact]
    public async Task Node_credential_survives_a_restart()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        await new CredentialStore(temp.Database, TimeProvider.System).SaveAsync(new NodeCredential("edge-1", "secret-1"), default);
        await new CredentialStore(temp.Database, TimeProvider.System).SaveAsync(new NodeCredential("edge-1", "secret-2"), default);

        await temp.ReopenAsync();

        Assert.Equal(new NodeCredential("edge-1", "secret-2"), await new CredentialStore(temp.Database, TimeProvider.System).GetAsync(default));
    }

    [Fact]
    public async Task Twin_changes_survive_a_restart()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var devices = new DeviceStore(temp.Database, new OutboxStore(temp.Database, TimeProvider.System, 10));
        var changes = new DeviceChanges();
        changes.Devices.Add(new DeviceRecord("default/counter", "default", "counter", null, "online", null));
        changes.Twins.Add(("default/counter", TwinProperty.Empty("status") with { Actual = "1", ActualVersion = new TwinVersions(0, 3) }));
        await devices.ApplyAsync(changes, [], default);

        await temp.ReopenAsync();
        devices = new DeviceStore(temp.Database, new OutboxStore(temp.Database, TimeProvider.System, 10));

        var twin = Assert.Single(await devices.GetTwinsAsync("default/counter", default));
        Assert.Equal(("1", new TwinVersions(0, 3)), (twin.Actual, twin.ActualVersion));
    }
}
