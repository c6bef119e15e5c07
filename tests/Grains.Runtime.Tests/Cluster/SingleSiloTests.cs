using Orleans.Storage;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Cluster;

/// <summary>One silo on SQLite: the embedded default.</summary>
public sealed class SingleSiloTests : IAsyncLifetime
{
    private readonly string _path = TestDatabases.NewSqliteFile();
    private Silo _silo = null!;

    public async Task InitializeAsync() => _silo = await StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private Task<Silo> StartAsync(Action<SiloBuilder>? configure = null) => StartSiloAsync(_path, configure);

    internal static async Task<Silo> StartSiloAsync(string path, Action<SiloBuilder>? configure = null)
    {
        var builder = new SiloBuilder()
            .UseSqlite(path)
            .AddGrain<CounterGrain>()
            .AddGrain<TurnGrain>()
            .AddGrain<ReentrantTurnGrain>()
            .AddGrain<CycleGrain>()
            .AddGrain<TickerGrain>()
            .AddGrain<PublisherGrain>();
        builder.Options.SiloPort = 0;
        builder.Options.GatewayPort = 0;
        builder.Reminders.PollPeriod = TimeSpan.FromMilliseconds(100);
        builder.Reminders.MinimumPeriod = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(builder);
        var silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);
        return silo;
    }

    [Fact]
    public async Task State_is_persisted_and_loaded_before_the_first_call_after_restart()
    {
        var counter = _silo.GrainFactory.GetGrain<ICounterGrain>("c1");
        Assert.Equal(5, await counter.Add(5));
        Assert.Equal(7, await counter.Add(2));

        await _silo.StopAsync(CancellationToken.None);
        _silo = await StartAsync();

        Assert.Equal(7, await _silo.GrainFactory.GetGrain<ICounterGrain>("c1").Get());
    }

    [Fact]
    public async Task A_write_based_on_a_stale_etag_is_rejected_and_the_next_call_reloads_state()
    {
        var counter = _silo.GrainFactory.GetGrain<ICounterGrain>("stale");
        Assert.Equal(1, await counter.Add(1));

        // Another writer (think: a zombie activation elsewhere) moves the stored row on.
        var storage = new EdgeHive.Cloud.Storage.GrainState.SqlGrainStateStore(new EdgeHive.Cloud.Storage.Database.SqliteDatabase(_path).Dialect, "edgehive", TimeProvider.System);
        var row = await storage.ReadAsync("counter.counter", "stale", CancellationToken.None);
        Assert.NotNull(row);
        await storage.WriteAsync("counter.counter", "stale", "{\"value\":100}", row.Version, [], CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Add(1));
        await Eventually.TrueAsync(async () => await counter.Get() == 100, TimeSpan.FromSeconds(10), "the activation reloads the stored state");
        Assert.Equal(101, await counter.Add(1));
    }

    [Fact]
    public async Task Requests_to_a_non_reentrant_grain_never_overlap()
    {
        var grain = _silo.GrainFactory.GetGrain<ITurnGrain>("single-turn");
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => grain.Work(5)));
        Assert.False(TurnGrain.Overlaps.ContainsKey("single-turn"), "two requests ran at the same time");
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_requests_but_never_runs_two_turns_in_parallel()
    {
        var grain = _silo.GrainFactory.GetGrain<IReentrantTurnGrain>("r1");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.Work(i)));
        Assert.True(await grain.MaxConcurrent() > 1, "requests of a reentrant grain should interleave at awaits");
    }

    [Fact]
    public async Task Exceptions_reach_the_caller_with_their_type_and_message()
    {
        var counter = _silo.GrainFactory.GetGrain<ICounterGrain>("thrower");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Fail("boom"));
        Assert.Equal("boom", ex.Message);
        Assert.Equal(0, await counter.Get());
    }

    [Fact]
    public async Task A_call_cycle_ends_in_a_timeout_error_naming_the_chain()
    {
        await _silo.DisposeAsync();
        _silo = await StartAsync(b => b.Options.CallTimeout = TimeSpan.FromSeconds(3));

        // Activate both first: the nested deadlines are cut from the outer call's, and a cold start must not eat them.
        var a = _silo.GrainFactory.GetGrain<ICycleGrain>("A");
        Assert.Equal("B", await a.Ping("B", 1));

        var ex = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => a.Ping("B", 2));
        Assert.Contains("cycle/A.Ping → cycle/B.Ping → cycle/A.Ping", ex.Message, StringComparison.Ordinal);
        Assert.Contains("call cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_that_times_out_names_its_chain()
    {
        await _silo.DisposeAsync();
        _silo = await StartAsync(b => b.Options.CallTimeout = TimeSpan.FromSeconds(2));
        try
        {
            var ex = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => _silo.GrainFactory.GetGrain<ICycleGrain>("relay").Relay("hang"));
            Assert.Contains("cycle/relay.Relay → cycle/hang.Hang", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("call cycle", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            CycleGrain.HangGate.Release();
        }
    }

    [Fact]
    public async Task Idle_activations_are_collected_and_deactivated()
    {
        await _silo.DisposeAsync();
        _silo = await StartAsync(b =>
        {
            b.Options.CollectionAge = TimeSpan.FromMilliseconds(300);
            b.Options.CollectionQuantum = TimeSpan.FromMilliseconds(100);
        });

        await _silo.GrainFactory.GetGrain<ICounterGrain>("idle").Add(1);
        Assert.Equal(1, _silo.ActivationCount);
        await Eventually.TrueAsync(() => _silo.ActivationCount == 0, TimeSpan.FromSeconds(10), "idle activation collected");
        Assert.True(CounterGrain.Deactivations.ContainsKey("idle"));
        Assert.Equal(1, await _silo.GrainFactory.GetGrain<ICounterGrain>("idle").Get());
    }

    [Fact]
    public async Task Graceful_shutdown_deactivates_every_activation()
    {
        for (var i = 0; i < 10; i++)
        {
            await _silo.GrainFactory.GetGrain<ICounterGrain>("shutdown-" + i).Add(i);
        }

        await _silo.StopAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(CounterGrain.Deactivations.ContainsKey("shutdown-" + i));
        }
    }

    [Fact]
    public async Task A_shutdown_out_of_time_still_leaves_the_cluster_clears_its_directory_rows_and_keeps_state()
    {
        for (var i = 0; i < 20; i++)
        {
            await _silo.GrainFactory.GetGrain<ICounterGrain>("late-" + i).Add(i);
        }

        // The host's shutdown timeout has already run out: no deactivation gets done, the goodbye must still happen.
        await _silo.StopAsync(new CancellationToken(canceled: true));

        await using (var connection = await new EdgeHive.Cloud.Storage.Database.SqliteDatabase(_path).OpenAsync(CancellationToken.None))
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = "SELECT COUNT(*) FROM grain_directory";
            Assert.Equal(0L, (long)(await rows.ExecuteScalarAsync())!);
            await using var status = connection.CreateCommand();
            status.CommandText = "SELECT status FROM membership_silos";
            Assert.Equal((long)EdgeHive.Grains.Runtime.Membership.SiloStatus.Dead, (long)(await status.ExecuteScalarAsync())!);
        }

        _silo = await StartAsync();
        Assert.Equal(19, await _silo.GrainFactory.GetGrain<ICounterGrain>("late-19").Get());
    }

    [Fact]
    public async Task Calls_racing_a_shutdown_cut_short_fail_cleanly()
    {
        var counters = Enumerable.Range(0, 2000).Select(i => _silo.GrainFactory.GetGrain<ICounterGrain>("race-" + i)).ToArray();
        await Task.WhenAll(counters.Select(c => c.Add(1)));
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var callers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            for (var i = n; !stop.IsCancellationRequested; i = (i + 4) % counters.Length)
            {
                try
                {
                    await counters[i].Get();
                }
                catch (GrainCallFailedException)
                {
                    Interlocked.Increment(ref failures);
                }

                // A refused call fails synchronously; without a yield four such loops would hold every thread-pool
                // thread of a 2-core machine and starve the shutdown itself (real callers wait on I/O in between).
                await Task.Yield();
            }
        })).ToArray();

        await _silo.StopAsync(new CancellationToken(canceled: true));
        await Eventually.TrueAsync(() => Volatile.Read(ref failures) > 0, TimeSpan.FromSeconds(10), "calls after the stop fail");
        await stop.CancelAsync();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Grain_timers_tick_as_turns()
    {
        var ticker = _silo.GrainFactory.GetGrain<ITickerGrain>("timer");
        await ticker.StartTimer(TimeSpan.FromMilliseconds(50));
        await Eventually.TrueAsync(async () => await ticker.Ticks() >= 3, TimeSpan.FromSeconds(10), "three timer ticks");
    }

    [Fact]
    public async Task Reminders_fire_and_survive_a_restart()
    {
        var ticker = _silo.GrainFactory.GetGrain<ITickerGrain>("reminder-restart");
        await ticker.StartReminder(TimeSpan.FromMilliseconds(200));
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault("reminder-restart") >= 2, TimeSpan.FromSeconds(10), "reminder ticks");

        await _silo.StopAsync(CancellationToken.None);
        var before = TickerGrain.ReminderTicks.GetValueOrDefault("reminder-restart");
        _silo = await StartAsync();
        await Eventually.TrueAsync(() => TickerGrain.ReminderTicks.GetValueOrDefault("reminder-restart") >= before + 2, TimeSpan.FromSeconds(10), "reminder ticks after restart");
    }

    [Fact]
    public async Task Observers_receive_calls_from_grains()
    {
        var received = new TaskCompletionSource<string>();
        var notifier = _silo.GrainFactory.CreateObjectReference<INotifier>(new Notifier(received));
        var publisher = _silo.GrainFactory.GetGrain<IPublisherGrain>("pub");
        await publisher.Subscribe(notifier);
        Assert.Equal(1, await publisher.Publish("hello"));
        Assert.Equal("hello", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    internal sealed class Notifier(TaskCompletionSource<string> received) : INotifier
    {
        public Task Notify(string text)
        {
            received.TrySetResult(text);
            return Task.CompletedTask;
        }
    }
}
