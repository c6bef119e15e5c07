using System.Diagnostics;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Benchmarks;

internal static class RuntimeBenchmarks
{
    private const int Batch = 200;

    public static async Task<BenchmarkResult> LocalCallsAsync(double scale)
    {
        await using var silo = await StartAsync(InMemoryBackend(new InMemoryGrainDirectoryStore()));
        var grains = Enumerable.Range(0, 1000).Select(i => silo.GrainFactory.GetGrain<IEchoGrain>("local-" + i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.Echo(0)));
        var total = (int)(4_000_000 * scale);
        await RunBatchesAsync(grains, total / 10);
        var watch = Stopwatch.StartNew();
        await RunBatchesAsync(grains, total);
        return new BenchmarkResult("local calls (1 silo, 1000 grains, in flight ≤ 1600)", total / watch.Elapsed.TotalSeconds, "calls/s");
    }

    public static async Task<BenchmarkResult> CrossSiloCallsAsync(double scale)
    {
        var membership = new InMemoryMembershipTable();
        var directory = new InMemoryGrainDirectoryStore();
        var backend = InMemoryBackend(directory, membership);
        await using var a = await StartAsync(backend);
        await using var b = await StartAsync(backend);
        await WaitAsync(() => a.Members.Count(m => m.Status == SiloStatus.Active) == 2 && b.Members.Count(m => m.Status == SiloStatus.Active) == 2);

        // Grains that live on B, called from A: every call crosses loopback TCP.
        var remote = new List<IEchoGrain>();
        for (var i = 0; remote.Count < 1000; i++)
        {
            var viaB = b.GrainFactory.GetGrain<IEchoGrain>("x-" + i);
            if (await viaB.Where() == b.Address.ToString())
            {
                remote.Add(a.GrainFactory.GetGrain<IEchoGrain>("x-" + i));
            }
        }

        var grains = remote.ToArray();
        await RunBatchesAsync(grains, (int)(200_000 * scale));
        var total = (int)(1_000_000 * scale);
        var watch = Stopwatch.StartNew();
        await RunBatchesAsync(grains, total);
        var throughput = total / watch.Elapsed.TotalSeconds;

        var samples = new double[(int)(20_000 * scale)];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await grains[i % grains.Length].Echo(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return new BenchmarkResult("cross-silo calls (2 silos, loopback TCP)", throughput, "calls/s",
            samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    public static async Task<BenchmarkResult> ActivationRateAsync(double scale, string database, string? connectionString)
    {
        var builder = NewBuilder();
        var path = Path.Combine(Path.GetTempPath(), "edgehive-bench-" + Guid.NewGuid().ToString("N"), "bench.db");
        if (database == "sqlite")
        {
            builder.UseSqlite(path);
        }
        else
        {
            builder.Options.ClusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
            builder.UsePostgres(connectionString!);
        }

        await using var silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);
        var count = (int)(20_000 * scale);
        var grains = Enumerable.Range(0, count).Select(i => silo.GrainFactory.GetGrain<IEchoGrain>("act-" + i)).ToArray();
        var watch = Stopwatch.StartNew();
        await RunBatchesAsync(grains, count, batch: 500, sequentialGrains: true);
        var rate = count / watch.Elapsed.TotalSeconds;
        await silo.StopAsync(CancellationToken.None);
        if (database == "sqlite")
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }

        return new BenchmarkResult($"activations (directory on {database})", rate, "activations/s");
    }

    public static async Task<BenchmarkResult> MemoryPerActivationAsync(double scale)
    {
        await using var silo = await StartAsync(InMemoryBackend(new ForgetfulDirectoryStore()));
        var count = (int)(200_000 * scale);
        var grains = Enumerable.Range(0, count).Select(i => silo.GrainFactory.GetGrain<IEchoGrain>("mem-" + i)).ToArray();
        await grains[0].Echo(0);
        var before = Measure();
        await RunBatchesAsync(grains, count, batch: 1000, sequentialGrains: true);
        var after = Measure();
        GC.KeepAlive(grains);
        return new BenchmarkResult($"memory per idle activation ({count:N0} activations)", (after - before) / (double)count, "bytes");

        static long Measure()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: true);
        }
    }

    private static async Task RunBatchesAsync(IEchoGrain[] grains, int total, int batch = Batch, bool sequentialGrains = false)
    {
        var workers = Math.Max(1, Environment.ProcessorCount * 4);
        var perWorker = total / workers;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var tasks = new Task<int>[batch];
            for (var done = 0; done < perWorker; done += batch)
            {
                var n = Math.Min(batch, perWorker - done);
                for (var i = 0; i < n; i++)
                {
                    var index = sequentialGrains ? Interlocked.Increment(ref next) % grains.Length : (w * 7919 + done + i) % grains.Length;
                    tasks[i] = grains[index].Echo(i);
                }

                for (var i = 0; i < n; i++)
                {
                    await tasks[i];
                }
            }
        })));
    }

    private static SiloBuilder NewBuilder()
    {
        var builder = new SiloBuilder().AddGrain<EchoGrain>();
        builder.Options.SiloPort = 0;
        builder.Options.GatewayPort = -1;
        return builder;
    }

    private static async Task<Silo> StartAsync(ClusterBackend backend)
    {
        var silo = NewBuilder().UseBackend(backend).Build();
        await silo.StartAsync(CancellationToken.None);
        return silo;
    }

    private static ClusterBackend InMemoryBackend(IGrainDirectoryStore directory, InMemoryMembershipTable? membership = null) =>
        new(membership ?? new InMemoryMembershipTable(), directory, new InMemoryReminderTable(), new InMemoryGrainStorage(new InMemoryGrainStateDatabase(), "bench", TimeProvider.System));

    private static async Task WaitAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("cluster did not form");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A directory that keeps nothing, so the memory benchmark counts only what the runtime itself holds.</summary>
    private sealed class ForgetfulDirectoryStore : IGrainDirectoryStore
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken) => Task.FromResult(address);

        public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken) => Task.FromResult<GrainAddress?>(null);

        public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
