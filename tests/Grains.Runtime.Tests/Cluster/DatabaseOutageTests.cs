using System.Diagnostics;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Testing;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit.Abstractions;

namespace EdgeHive.Grains.Runtime.Tests.Cluster;

/// <summary>
/// A PostgreSQL cluster whose database goes away for a while (failover, restart, network blip), through a proxy that
/// resets every connection and refuses new ones. Like Orleans silos with an unreachable membership table, the silos
/// must keep their membership, keep serving what needs no database, fail writes quickly, and recover by themselves.
/// </summary>
[Collection(DatabaseOutageCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Short periods so that the outage spans several rounds of every membership loop; the outage is held for
    // OutageLength, about 4 rounds, long enough that a loop dying on its first failure or a silo judging itself by a
    // failed heartbeat would show.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly ListLoggerProvider _logs = new();
    private TcpFaultProxy _proxy = null!;
    private TestCluster _cluster = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(await TestDatabases.CreatePostgresDatabaseAsync("outage"));
        _proxy = new TcpFaultProxy(direct.Host!, direct.Port);
        // Pooling stays on: the pool is full of connections the outage kills, and the silos must cope with that.
        _connectionString = new NpgsqlConnectionStringBuilder(direct.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = _proxy.Port,
            Pooling = true,
        }.ConnectionString;
        _cluster = new TestCluster(Configure);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _proxy.DisposeAsync();
        foreach (var entry in _logs.Entries.Where(e => e.Level >= LogLevel.Warning))
        {
            output.WriteLine($"{entry.Level} {entry.EventId.Id} {entry.Message}");
        }
    }

    [Fact]
    public async Task During_an_outage_silos_stay_active_reads_are_served_and_writes_fail_fast()
    {
        await _cluster.StartAsync(3);
        var keys = await ActivateCountersAsync();
        var outage = Stopwatch.StartNew();
        _proxy.Cut();

        // Every silo notices: its heartbeats and table reads go to the database and are refused.
        await Eventually.TrueAsync(() => _proxy.RefusedConnections >= 3, TimeSpan.FromSeconds(20), "silos tried the database during the outage");

        // Calls to active grains that do not write need no database: the directory cache and the activations answer.
        foreach (var (key, value) in keys)
        {
            Assert.Equal(value, await _cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Get());
        }

        // A write fails, with the database's error, well before the call timeout. (The counter has already added to
        // its in-memory state, as grain code does before WriteStateAsync, so it leaves the read checks below.)
        var written = keys.Keys.First();
        keys.Remove(written);
        var write = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => _cluster.Silos[1].GrainFactory.GetGrain<ICounterGrain>(written).Add(1));
        output.WriteLine($"write during the outage failed after {write.Elapsed.TotalSeconds:F1} s: {failure.GetType().Name}: {failure.Message}");
        Assert.IsNotType<GrainCallTimeoutException>(failure);
        // The database's own error: as is when the grain lives on the calling silo, named in the remote failure if not.
        Assert.True(
            failure is NpgsqlException || failure.Message.Contains(nameof(NpgsqlException), StringComparison.Ordinal),
            $"{failure.GetType().Name}: {failure.Message}");
        Assert.True(write.Elapsed < CallTimeout, $"the failed write took {write.Elapsed}");

        await HoldOutageAsync(outage);
        foreach (var (key, value) in keys)
        {
            Assert.Equal(value, await _cluster.Silos[2].GrainFactory.GetGrain<ICounterGrain>(key).Get());
        }

        AssertAllActive(3);
        Assert.DoesNotContain(_logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id is 1015 or 1016); // nobody voted anybody dead

        // Operators see the outage once per silo, not once per failed round (each loop failed about 4 times).
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 1006);
        foreach (var silo in _cluster.Silos)
        {
            Assert.Single(_logs.Entries, e => e.EventId.Id == 1020 && e.Message.Contains(silo.Address.ToString(), StringComparison.Ordinal));
        }

        Assert.InRange(_logs.Entries.Count(e => e.EventId.Id == 2400), 1, 3);
    }

    [Fact]
    public async Task Writes_right_after_a_brief_blip_do_not_fail_on_pooled_connections_the_blip_killed()
    {
        await _cluster.StartAsync(3);
        var keys = await ActivateCountersAsync();

        var factory = _cluster.Silos[0].GrainFactory;

        // A database restart or a dropped NAT entry looks like this: the server is back, every pooled connection is
        // dead. Writes must succeed anyway, one after the other (each silo's pool holds several dead connections)
        // and many at once.
        await FillPoolsAndBlipAsync();
        foreach (var key in keys.Keys)
        {
            Assert.Equal(++keys[key], await factory.GetGrain<ICounterGrain>(key).Add(1));
        }

        await FillPoolsAndBlipAsync();
        var written = await Task.WhenAll(keys.Keys.Select(k => factory.GetGrain<ICounterGrain>(k).Add(1)));
        Assert.Equal(keys.Values.Select(v => v + 1), written);
        AssertAllActive(3);

        async Task FillPoolsAndBlipAsync()
        {
            // Concurrent reads leave many open connections in every silo's pool, all of which the blip resets.
            await Task.WhenAll(_cluster.Silos.SelectMany(s => Enumerable.Range(0, 16).Select(_ => s.Storage.ReadAsync("counter", "none", CancellationToken.None))));
            Assert.True(_proxy.OpenConnections >= 12, $"{_proxy.OpenConnections} pooled connections before the blip");
            _proxy.Cut();
            _proxy.Restore();
        }
    }

    [Fact]
    public async Task After_an_outage_writes_activations_reminders_and_failure_detection_work_again()
    {
        await _cluster.StartAsync(3);
        var keys = await ActivateCountersAsync();
        const string ticker = "outage-ticker";
        await _cluster.Silos[0].GrainFactory.GetGrain<ITickerGrain>(ticker).StartReminder(TimeSpan.FromMilliseconds(300));
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault(ticker) >= 2, TimeSpan.FromSeconds(20), "reminder fires");

        var outage = Stopwatch.StartNew();
        _proxy.Cut();
        await Eventually.TrueAsync(() => _proxy.RefusedConnections >= 3, TimeSpan.FromSeconds(20), "silos tried the database during the outage");

        // A grain never seen before cannot be placed without the directory: its first call fails, and that failure
        // must not stick to it (a cached lookup failure or a half-made activation) once the database is back.
        const string unseen = "unseen-during-outage";
        await Assert.ThrowsAnyAsync<Exception>(() => _cluster.Silos[1].GrainFactory.GetGrain<ICounterGrain>(unseen).Add(7));
        await HoldOutageAsync(outage);
        _proxy.Restore();
        Assert.Equal(7, await _cluster.Silos[1].GrainFactory.GetGrain<ICounterGrain>(unseen).Add(7));
        keys[unseen] = 7;

        // Writes succeed at once, on every silo (each grain writes through its own silo's pool): no pooled
        // connection the outage killed is handed out again.
        foreach (var (key, value) in keys.ToArray())
        {
            keys[key] = value + 1;
            Assert.Equal(value + 1, await _cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Add(1));
        }

        // New activations register in the directory again, from every silo.
        foreach (var silo in _cluster.Silos)
        {
            var key = "after-outage-" + silo.Address.Port;
            Assert.Equal(5, await silo.GrainFactory.GetGrain<ICounterGrain>(key).Add(5));
            keys[key] = 5;
        }

        AssertAllActive(3);
        var ticks = TickerGrain.ReminderTicks.GetValueOrDefault(ticker);
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault(ticker) >= ticks + 2, TimeSpan.FromSeconds(20), "reminder fires after the outage");

        // Each silo says once that the table went away and once that it is back, not once per failed round.
        foreach (var silo in _cluster.Silos)
        {
            var name = silo.Address.ToString();
            Assert.Single(_logs.Entries, e => e.EventId.Id == 1020 && e.Message.Contains(name, StringComparison.Ordinal));
            await Eventually.TrueAsync(
                () => _logs.Entries.Count(e => e.EventId.Id == 1021 && e.Message.Contains(name, StringComparison.Ordinal)) == 1,
                TimeSpan.FromSeconds(20),
                $"{name} logs that the membership table is reachable again");
        }

        // Failure detection still works: a silo killed after the outage is voted dead and its grains move.
        var survivor = _cluster.Silos[0];
        var victim = _cluster.Silos[2];
        var hosts = new Dictionary<string, string>();
        foreach (var key in keys.Keys)
        {
            hosts[key] = await survivor.GrainFactory.GetGrain<ICounterGrain>(key).WhereAmI();
        }

        var lost = keys.Keys.Where(k => hosts[k] == victim.Address.ToString()).ToArray();
        Assert.NotEmpty(lost);
        await _cluster.KillSiloAsync(victim);
        await _cluster.WaitForMembershipAsync(TimeSpan.FromSeconds(40));
        foreach (var key in lost)
        {
            await Eventually.TrueAsync(
                async () => await survivor.GrainFactory.GetGrain<ICounterGrain>(key).Get() == keys[key],
                TimeSpan.FromSeconds(40),
                $"{key} answers with its persisted value after its silo was killed");
            Assert.NotEqual(victim.Address.ToString(), await survivor.GrainFactory.GetGrain<ICounterGrain>(key).WhereAmI());
        }
    }

    private void Configure(SiloBuilder builder)
    {
        builder.UsePostgres(_connectionString).AddGrain<CounterGrain>().AddGrain<TickerGrain>();
        builder.Options.CallTimeout = CallTimeout;
        builder.LoggerFactory = new LoggerFactory([_logs]);
        builder.Membership = new MembershipOptions
        {
            ProbePeriod = Period,
            ProbeTimeout = Period,
            IAmAlivePeriod = Period,
            TableRefreshPeriod = Period,
            VoteExpiration = Period * 10,
        };
        builder.Reminders.PollPeriod = TimeSpan.FromMilliseconds(100);
        builder.Reminders.MinimumPeriod = TimeSpan.FromMilliseconds(100);
        builder.Reminders.RefreshPeriod = Period;
    }

    /// <summary>Activates counters on every silo (placement prefers the caller's silo) and reads each from every
    /// silo, so each silo has every address cached. Returns key → value.</summary>
    private async Task<Dictionary<string, int>> ActivateCountersAsync()
    {
        var keys = new Dictionary<string, int>();
        var silos = _cluster.Silos;
        for (var i = 0; i < silos.Count; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var key = $"outage-{i}-{j}";
                keys[key] = await silos[i].GrainFactory.GetGrain<ICounterGrain>(key).Add(j + 1);
            }
        }

        foreach (var silo in silos)
        {
            foreach (var (key, value) in keys)
            {
                Assert.Equal(value, await silo.GrainFactory.GetGrain<ICounterGrain>(key).Get());
            }
        }

        return keys;
    }

    /// <summary>Keeps the database away until the outage has lasted <see cref="OutageLength"/>: the scenario itself,
    /// not a wait for some state.</summary>
    private static async Task HoldOutageAsync(Stopwatch outage)
    {
        var left = OutageLength - outage.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    private void AssertAllActive(int count)
    {
        var silos = _cluster.Silos;
        Assert.Equal(count, silos.Count);
        foreach (var silo in silos)
        {
            Assert.True(silo.IsRunning, $"{silo.Address} stopped");
            Assert.False(silo.Stopped.IsCompleted, $"{silo.Address} stopped");
            var active = silo.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Silo).ToHashSet();
            Assert.True(active.SetEquals(silos.Select(s => s.Address)), $"{silo.Address} sees [{string.Join(", ", silo.Members.Select(m => $"{m.Silo}={m.Status}"))}]");
        }
    }
}
