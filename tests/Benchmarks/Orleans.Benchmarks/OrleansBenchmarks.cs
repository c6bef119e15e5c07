using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Orleans.Benchmarks;

/// <summary>Local and cross-silo calls, activations and bytes per idle activation on Orleans (the scenarios the former
/// runtime's benchmark was compared on, docs/benchmarks.md). Calls come from the silo host's grain factory.</summary>
internal static class OrleansBenchmarks
{
    private const int Batch = 200;

    public static async Task<BenchmarkResult> LocalCallsAsync(double scale)
    {
        using var silo = await StartSingleAsync();
        var grains = Enumerable.Range(0, 1000).Select(i => silo.Grains().GetGrain<IEchoGrain>("local-" + i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.Echo(0)));
        var total = (int)(4_000_000 * scale);
        await RunBatchesAsync(grains, total / 10);
        var watch = Stopwatch.StartNew();
        await RunBatchesAsync(grains, total);
        var result = new BenchmarkResult("local calls (1 silo, 1000 grains, in flight ≤ 1600)", total / watch.Elapsed.TotalSeconds, "calls/s");
        await silo.StopAsync();
        return result;
    }

    public static async Task<BenchmarkResult> CrossSiloCallsAsync(double scale)
    {
        var primary = new IPEndPoint(IPAddress.Loopback, BenchSilos.FreePort());
        using var a = await BenchSilos.StartLocalAsync(primary.Port, BenchSilos.FreePort(), primary);
        using var b = await BenchSilos.StartLocalAsync(BenchSilos.FreePort(), BenchSilos.FreePort(), primary);
        var management = a.Grains().GetGrain<IManagementGrain>(0);
        await BenchSilos.WaitAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(60), "cluster did not form");

        // Grains that live on B, called from A: every call crosses loopback TCP.
        var onB = b.Address().ToString();
        var remote = new List<IEchoGrain>();
        for (var i = 0; remote.Count < 1000; i++)
        {
            if (await b.Grains().GetGrain<IEchoGrain>("x-" + i).Where() == onB)
            {
                remote.Add(a.Grains().GetGrain<IEchoGrain>("x-" + i));
            }
        }

        var grains = remote.ToArray();
        if (await grains[0].Where() != onB)
        {
            throw new InvalidOperationException("grain moved");
        }

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
        await b.StopAsync();
        await a.StopAsync();
        return new BenchmarkResult("cross-silo calls (2 silos, loopback TCP)", throughput, "calls/s",
            samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    public static async Task<BenchmarkResult> ActivationRateAsync(double scale)
    {
        using var silo = await StartSingleAsync();
        var count = (int)(20_000 * scale);
        var grains = Enumerable.Range(0, count).Select(i => silo.Grains().GetGrain<IEchoGrain>("act-" + i)).ToArray();
        await grains[0].Echo(0);
        var watch = Stopwatch.StartNew();
        await RunBatchesAsync(grains, count, batch: 500, sequentialGrains: true);
        var rate = count / watch.Elapsed.TotalSeconds;
        await silo.StopAsync();
        return new BenchmarkResult("activations (in-memory grain directory)", rate, "activations/s");
    }

    public static async Task<BenchmarkResult> MemoryPerActivationAsync(double scale)
    {
        using var silo = await StartSingleAsync();
        var count = (int)(200_000 * scale);
        var grains = Enumerable.Range(0, count).Select(i => silo.Grains().GetGrain<IEchoGrain>("mem-" + i)).ToArray();
        await grains[0].Echo(0);
        var before = Measure();
        await RunBatchesAsync(grains, count, batch: 1000, sequentialGrains: true);
        var after = Measure();
        GC.KeepAlive(grains);
        await silo.StopAsync(new CancellationToken(canceled: true));
        return new BenchmarkResult($"memory per idle activation ({count:N0} activations)", (after - before) / (double)count, "bytes");

        static long Measure()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: true);
        }
    }

    private static Task<IHost> StartSingleAsync()
    {
        var port = BenchSilos.FreePort();
        return BenchSilos.StartLocalAsync(port, BenchSilos.FreePort(), new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>The load: 4 workers per core, each keeping a batch in flight.</summary>
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
}
