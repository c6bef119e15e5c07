using System.Diagnostics;
using System.Net.Sockets;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Reminders;
using EdgeHive.Grains.Runtime.Testing;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EdgeHive.Grains.Runtime.Tests.Cluster;

/// <summary>Several silos in one process, on loopback TCP and a real PostgreSQL database.</summary>
public sealed class PostgresClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreatePostgresDatabaseAsync("cluster");
        _cluster = new TestCluster(Configure);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private void Configure(SiloBuilder builder)
    {
        builder.UsePostgres(_connectionString)
            .AddGrain<CounterGrain>()
            .AddGrain<TurnGrain>()
            .AddGrain<CycleGrain>()
            .AddGrain<TickerGrain>()
            .AddGrain<PublisherGrain>();
        builder.Reminders.PollPeriod = TimeSpan.FromMilliseconds(100);
        builder.Reminders.MinimumPeriod = TimeSpan.FromMilliseconds(100);
        builder.Reminders.RefreshPeriod = TimeSpan.FromSeconds(2);
    }

    [Fact]
    public async Task Grains_of_a_killed_silo_answer_again_from_the_others_with_their_persisted_state()
    {
        await _cluster.StartAsync(3);
        var factory = _cluster.Silos[0].GrainFactory;
        var keys = Enumerable.Range(0, 60).Select(i => "failover-" + i).ToArray();
        var hosts = new Dictionary<string, string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var grain = factory.GetGrain<ICounterGrain>(keys[i]);
            await grain.Add(i + 1);
            hosts[keys[i]] = await grain.WhereAmI();
        }

        // Kill the silo hosting the most grains (never the one we call through).
        var victim = _cluster.Silos.Skip(1).OrderByDescending(s => hosts.Values.Count(h => h == s.Address.ToString())).First();
        var lost = keys.Where(k => hosts[k] == victim.Address.ToString()).ToArray();
        Assert.NotEmpty(lost);
        var watch = Stopwatch.StartNew();
        await _cluster.KillSiloAsync(victim);

        foreach (var key in lost)
        {
            var expected = Array.IndexOf(keys, key) + 1;
            await Eventually.TrueAsync(
                async () => await factory.GetGrain<ICounterGrain>(key).Get() == expected,
                TimeSpan.FromSeconds(40),
                $"{key} answers with its persisted value after its silo was killed");
        }

        output.WriteLine($"{lost.Length} grains of the killed silo answered again after {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"failover took {watch.Elapsed}");
        foreach (var key in lost)
        {
            Assert.NotEqual(victim.Address.ToString(), await factory.GetGrain<ICounterGrain>(key).WhereAmI());
        }
    }

    [Fact]
    public async Task Three_silos_hammering_one_grain_never_run_two_activations_at_once()
    {
        await _cluster.StartAsync(3);
        const string key = "hammered";
        var calls = _cluster.Silos.SelectMany(silo =>
            Enumerable.Range(0, 150).Select(_ => silo.GrainFactory.GetGrain<ITurnGrain>(key).Work(3))).ToArray();
        await Task.WhenAll(calls);

        Assert.False(TurnGrain.Overlaps.ContainsKey(key), "two calls on the same grain ran at the same time");
        Assert.Equal(1, TurnGrain.Activations.GetValueOrDefault(key));
        Assert.Equal(1, _cluster.Silos.Sum(s => s.ActivationCountsByType().GetValueOrDefault("turn")));
    }

    [Fact]
    public async Task Many_grains_first_called_from_every_silo_at_once_get_one_activation_each()
    {
        await _cluster.StartAsync(3);
        var keys = Enumerable.Range(0, 100).Select(i => "race-" + i).ToArray();
        await Task.WhenAll(_cluster.Silos.SelectMany(s => keys.Select(k => s.GrainFactory.GetGrain<ITurnGrain>(k).Work(1))));
        Assert.All(keys, k => Assert.Equal(1, TurnGrain.Activations.GetValueOrDefault(k)));
        Assert.Equal(keys.Length, _cluster.Silos.Sum(s => s.ActivationCountsByType().GetValueOrDefault("turn")));
    }

    [Fact]
    public async Task A_reminder_still_fires_after_its_silo_was_killed()
    {
        await _cluster.StartAsync(3);
        const string key = "durable-reminder";
        await _cluster.Silos[0].GrainFactory.GetGrain<ITickerGrain>(key).StartReminder(TimeSpan.FromMilliseconds(300));
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault(key) >= 2, TimeSpan.FromSeconds(20), "reminder fires");

        var hash = StableHash.Of(new GrainId("ticker", key));
        var active = _cluster.Silos.Select(s => s.Address).ToArray();
        var owner = _cluster.Silos.Single(s => ReminderRing.RangeOf(s.Address, active) is { } r && ReminderRing.InRange(hash, r.Begin, r.End));
        await _cluster.KillSiloAsync(owner);

        var before = TickerGrain.ReminderTicks.GetValueOrDefault(key);
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault(key) >= before + 3, TimeSpan.FromSeconds(40), "reminder fires after its owner was killed");
    }

    [Fact]
    public async Task A_cross_silo_call_cycle_fails_with_the_timeout_error()
    {
        await _cluster.DisposeAsync();
        _cluster = new TestCluster(b =>
        {
            Configure(b);
            b.Options.CallTimeout = TimeSpan.FromSeconds(3);
        });
        await _cluster.StartAsync(2);

        // X and Y on different silos (placement prefers the caller's silo), so the cycle crosses the wire both ways.
        // Activated first: the nested deadlines are cut from the outer call's, and a cold start must not eat them.
        var x = _cluster.Silos[0].GrainFactory.GetGrain<ICycleGrain>("X");
        var y = _cluster.Silos[1].GrainFactory.GetGrain<ICycleGrain>("Y");
        Assert.Equal("X", await x.Ping("Y", 0));
        Assert.Equal("Y", await y.Ping("X", 0));

        var ex = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => x.Ping("Y", 2));
        Assert.Contains("call cycle", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cycle/X.Ping → cycle/Y.Ping → cycle/X.Ping", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_calls_grains_through_a_gateway_and_receives_observer_calls()
    {
        await _cluster.StartAsync(2);
        var client = await _cluster.ConnectClientAsync();
        var counter = client.GrainFactory.GetGrain<ICounterGrain>("via-client");
        Assert.Equal(3, await counter.Add(3));
        Assert.Equal(3, await _cluster.Silos[1].GrainFactory.GetGrain<ICounterGrain>("via-client").Get());

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var notifier = client.GrainFactory.CreateObjectReference<INotifier>(new SingleSiloTests.Notifier(received));
        var publisher = client.GrainFactory.GetGrain<IPublisherGrain>("client-pub");
        await publisher.Subscribe(notifier);
        await _cluster.Silos[1].GrainFactory.GetGrain<IPublisherGrain>("client-pub").Publish("to the client");
        Assert.Equal("to the client", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Garbage_on_the_silo_port_closes_only_that_connection()
    {
        await _cluster.StartAsync(2);
        var target = _cluster.Silos[1];
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync("127.0.0.1", target.Address.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4, 5, 6, 7, 8 });
            var buffer = new byte[16];
            int read;
            try
            {
                read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (IOException)
            {
                read = 0; // aborted with a reset: closed all the same
            }

            Assert.Equal(0, read);
        }

        var keys = Enumerable.Range(0, 20).Select(i => "after-garbage-" + i);
        foreach (var key in keys)
        {
            Assert.Equal(1, await _cluster.Silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Add(1));
        }
    }

    [Fact]
    public async Task A_silo_added_later_joins_and_a_gracefully_stopped_one_leaves()
    {
        await _cluster.StartAsync(2);
        var third = await _cluster.StartSiloAsync();
        await _cluster.WaitForMembershipAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, _cluster.Silos.Count);

        for (var i = 0; i < 30; i++)
        {
            await third.GrainFactory.GetGrain<ICounterGrain>("grow-" + i).Add(i);
        }

        await _cluster.StopSiloAsync(_cluster.Silos[0]);
        await _cluster.WaitForMembershipAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _cluster.Silos.Count);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i, await third.GrainFactory.GetGrain<ICounterGrain>("grow-" + i).Get());
        }
    }
}
