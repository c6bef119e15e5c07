using EdgeHive.Cloud.Clustering.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Tests.Postgres;

/// <summary>Orleans silos (in-process, and one real process) clustered on PostgreSQL with EdgeHive's schema.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _hosts = [];
    private readonly string _clusterId = TestSilos.NewClusterId();
    private string _cs = null!;

    public async Task InitializeAsync() => _cs = await TestDatabases.CreatePostgresDatabaseAsync("cluster");

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                await host.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
            catch (Exception)
            {
                // already stopped, or stopping aborted: the test is over either way
            }

            host.Dispose();
        }
    }

    [Fact]
    public async Task Silos_starting_together_on_an_empty_database_form_one_cluster()
    {
        var silos = Enumerable.Range(0, 3).Select(_ => NewSilo()).ToArray();

        await Task.WhenAll(silos.Select(s => s.StartAsync()));

        foreach (var silo in silos)
        {
            await Eventually.TrueAsync(async () => (await silo.HostsAsync(onlyActive: true)).Count == 3, Deadline,
                $"{silo.Address()} sees three active silos");
        }

        Assert.Equal(OrleansPostgresSchema.Version, await ScalarAsync("SELECT version FROM edgehive_schema_versions"));
    }

    [Fact]
    public async Task Silos_start_on_an_initialised_database_and_a_grain_on_one_answers_the_others_and_a_client()
    {
        await OrleansPostgresSchema.EnsureCreatedAsync(_cs);
        var a = NewSilo();
        var b = NewSilo();
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.TrueAsync(async () => (await a.HostsAsync(onlyActive: true)).Count == 2, Deadline, "a cluster of two");

        // A grain that lives on b, called through a: the call crosses silos.
        string? key = null;
        for (var i = 0; key is null && i < 200; i++)
        {
            if (await b.Grains().GetGrain<IPingGrain>("p" + i).Where() == b.Address().ToString())
            {
                key = "p" + i;
            }
        }

        Assert.NotNull(key);
        Assert.Equal(b.Address().ToString(), await a.Grains().GetGrain<IPingGrain>(key).Where());
        Assert.Equal(7, await a.Grains().GetGrain<IPingGrain>(key).Echo(7));

        using var client = await TestSilos.StartClientAsync(_cs, _clusterId);
        Assert.Equal(b.Address().ToString(), await client.Grains().GetGrain<IPingGrain>(key).Where());
        await client.StopAsync();
    }

    [Fact]
    public async Task A_client_started_before_any_silo_creates_the_schema_and_connects_once_a_silo_is_up()
    {
        using var client = TestSilos.BuildClient(_cs, _clusterId);
        var starting = client.StartAsync();

        // (Until the table exists the query fails, and Eventually asks again.)
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT version FROM edgehive_schema_versions") == OrleansPostgresSchema.Version,
            Deadline, "the client created the schema");
        Assert.False(starting.IsCompleted, "the client has no gateway to connect to yet");

        var silo = NewSilo();
        await silo.StartAsync();
        await starting.WaitAsync(Deadline);
        Assert.Equal(silo.Address().ToString(), await client.Grains().GetGrain<IPingGrain>("first").Where());
        await client.StopAsync();
    }

    [Fact]
    public async Task A_silo_that_stops_is_dead_to_the_others()
    {
        var a = NewSilo();
        var b = NewSilo();
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await Eventually.TrueAsync(async () => (await a.HostsAsync(onlyActive: true)).Count == 2, Deadline, "a cluster of two");
        var gone = b.Address();

        await b.StopAsync();

        await Eventually.TrueAsync(async () => (await a.HostsAsync(onlyActive: false)).GetValueOrDefault(gone) == SiloStatus.Dead,
            Deadline, "the stopped silo is Dead in the membership view");
    }

    [Fact]
    public async Task A_killed_silo_process_is_declared_dead_and_its_grains_come_back_on_the_survivors()
    {
        var a = NewSilo();
        var b = NewSilo();
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        await using var victim = await SiloProcess.StartAsync("silo", _cs, _clusterId, TestSilos.FreePort().ToString(), TestSilos.FreePort().ToString());
        await Eventually.TrueAsync(async () => (await a.HostsAsync(onlyActive: true)).Count == 3, Deadline, "a cluster of three");
        var victimAddress = (await a.HostsAsync(onlyActive: true)).Keys.Single(s => !s.Equals(a.Address()) && !s.Equals(b.Address()));

        string? key = null;
        for (var i = 0; key is null && i < 300; i++)
        {
            if (await a.Grains().GetGrain<IPingGrain>("k" + i).Where() == victimAddress.ToString())
            {
                key = "k" + i;
            }
        }

        Assert.NotNull(key);
        await victim.KillAsync();

        await Eventually.TrueAsync(async () => (await a.HostsAsync(onlyActive: false)).GetValueOrDefault(victimAddress) == SiloStatus.Dead,
            Deadline, "the killed silo is declared Dead by the survivors");
        await Eventually.TrueAsync(async () => await a.Grains().GetGrain<IPingGrain>(key).Where() != victimAddress.ToString(),
            Deadline, "the killed silo's grain answers again from a survivor");
        Assert.Equal("6", await ScalarAsync(
            $"SELECT status::text FROM orleans_membership WHERE port = {victimAddress.Endpoint.Port} AND generation = {victimAddress.Generation}"));
    }

    [Fact]
    public async Task Reminders_fire_and_survive_a_silo_restart()
    {
        var grain = "rem-" + Guid.NewGuid().ToString("N");
        var first = NewSilo();
        await first.StartAsync();
        await first.Grains().GetGrain<IReminderProbeGrain>(grain).Start("tick", TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => ReminderProbeGrain.Count(grain, "tick") >= 2, Deadline, "the reminder ticks");
        Assert.Equal("1", await ScalarAsync($"SELECT count(*)::text FROM orleans_reminders WHERE grain_id LIKE '%{grain}'"));

        await first.StopAsync();
        var before = ReminderProbeGrain.Count(grain, "tick");
        var second = NewSilo();
        await second.StartAsync();

        await Eventually.TrueAsync(() => ReminderProbeGrain.Count(grain, "tick") >= before + 2, Deadline,
            "the reminder ticks again on a new silo started on the same database");
        Assert.Contains(second.Address().ToString(), ReminderProbeGrain.Ticks[grain + "/tick"]);
    }

    private IHost NewSilo()
    {
        var host = TestSilos.BuildPostgresSilo(_cs, _clusterId, TestSilos.FreePort(), TestSilos.FreePort());
        _hosts.Add(host);
        return host;
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
