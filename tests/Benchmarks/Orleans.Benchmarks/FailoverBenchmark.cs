using System.Diagnostics;
using System.Globalization;
using EdgeHive.Cloud.Clustering;
using EdgeHive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace EdgeHive.Orleans.Benchmarks;

/// <summary>
/// Failover of a killed silo's grains: three silo processes (this program, <c>silo</c> mode) clustered on PostgreSQL
/// with EdgeHive's clustering; a cluster client activates grains and persists a value in each; the silo process
/// holding the most of them is killed with SIGKILL; the time runs from the kill until every one of its grains has
/// answered again, from a survivor, with its persisted value. Then a new silo process replaces it and the next run
/// kills again. Runs with Orleans' default membership options and with <see cref="BenchSilos.Tune"/>.
/// </summary>
internal static class FailoverBenchmark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static async Task<List<BenchmarkResult>> RunAsync(string connectionString, int runs, int grainCount)
    {
        await PrepareAsync(connectionString);
        var results = new List<BenchmarkResult>();
        foreach (var tuned in new[] { false, true })
        {
            results.Add(await RunModeAsync(connectionString, tuned, runs, grainCount));
        }

        return results;
    }

    private static async Task<BenchmarkResult> RunModeAsync(string connectionString, bool tuned, int runs, int grainCount)
    {
        var mode = tuned ? "tuned" : "default";
        var clusterId = "bench-" + mode + "-" + Guid.NewGuid().ToString("N")[..6];
        var silos = new List<(SiloProcess Process, int Port)>();
        var falseDeaths = 0;
        try
        {
            using var client = StartClient(connectionString, clusterId);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            falseDeaths += await FillAsync(silos, grains, connectionString, clusterId, tuned);

            var times = new List<double>();
            var lostCounts = new List<int>();
            for (var run = 0; run < runs; run++)
            {
                var keys = Enumerable.Range(0, grainCount).Select(i => $"{mode}-{run}-{i}").ToArray();
                await Task.WhenAll(keys.Select((k, i) => grains.GetGrain<IFailoverGrain>(k).Set(i + 1)));
                var where = await Task.WhenAll(keys.Select(k => grains.GetGrain<IFailoverGrain>(k).SiloPort()));
                var victim = silos.OrderByDescending(s => where.Count(w => w == s.Port)).First();
                var lost = keys.Select((k, i) => (Key: k, Value: i + 1)).Where((_, i) => where[i] == victim.Port).ToArray();

                var watch = Stopwatch.StartNew();
                await victim.Process.KillAsync();
                await Task.WhenAll(lost.Select(g => AnswersAgainAsync(grains.GetGrain<IFailoverGrain>(g.Key), g.Value, victim.Port)));
                times.Add(watch.Elapsed.TotalSeconds);
                lostCounts.Add(lost.Length);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  failover ({mode}) run {run + 1}: {lost.Length} grains of the killed silo answered again after {watch.Elapsed.TotalSeconds:F2} s"));

                silos.Remove(victim);
                await victim.Process.DisposeAsync();
                falseDeaths += await FillAsync(silos, grains, connectionString, clusterId, tuned);
            }

            await client.StopAsync();
            times.Sort();
            var detail = string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture))) + " s"
                + (falseDeaths > 0 ? $"; {falseDeaths} silo(s) wrongly declared dead and restarted" : "");
            return new BenchmarkResult(
                $"failover, {mode} membership (3 processes, {lostCounts.Min()}–{lostCounts.Max()} grains lost)",
                times[times.Count / 2], "s (median)", Detail: detail);
        }
        finally
        {
            foreach (var (process, _) in silos)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Starts silo processes one at a time until three are Active. A silo process that exits on its own was declared
    /// dead by its peers without being killed (a false suspicion); it is replaced, and counted.
    /// </summary>
    private static async Task<int> FillAsync(
        List<(SiloProcess Process, int Port)> silos, IClusterClient grains, string connectionString, string clusterId, bool tuned)
    {
        var falseDeaths = 0;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt == 12)
            {
                throw new TimeoutException("three silo processes did not become Active after 12 attempts");
            }

            foreach (var dead in silos.Where(s => s.Process.HasExited).ToArray())
            {
                falseDeaths++;
                Console.WriteLine("  a silo process exited without being killed (declared dead by its peers):\n" + Tail(dead.Process.Output));
                silos.Remove(dead);
                await dead.Process.DisposeAsync();
            }

            if (silos.Count == 3)
            {
                try
                {
                    await WaitForActiveAsync(grains, 3);
                    if (silos.All(s => !s.Process.HasExited))
                    {
                        return falseDeaths;
                    }
                }
                catch (TimeoutException)
                {
                    // one of them is not Active: the loop above finds the one that exited
                }

                continue;
            }

            try
            {
                silos.Add(await StartSiloAsync(connectionString, clusterId, tuned));
            }
            catch (InvalidOperationException ex)
            {
                falseDeaths++;
                Console.WriteLine("  a silo process failed to join:\n" + Tail(ex.Message));
            }
        }

        static string Tail(string text) => string.Join('\n', text.Split('\n').Where(l => l.Contains("dead", StringComparison.OrdinalIgnoreCase)).Take(2));
    }

    private static async Task AnswersAgainAsync(IFailoverGrain grain, int expected, int deadPort)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // A call that went to the dead silo may wait for Orleans' response timeout (30 s); stop waiting after a
                // second and ask again, as a client with a short timeout would.
                if (await grain.Get().WaitAsync(TimeSpan.FromSeconds(1)) == expected
                    && await grain.SiloPort().WaitAsync(TimeSpan.FromSeconds(1)) != deadPort)
                {
                    return;
                }

                throw new InvalidOperationException($"a grain answered without its persisted value {expected}");
            }
            catch (Exception ex) when (ex is not InvalidOperationException && watch.Elapsed < Deadline)
            {
                // Not yet: the call went to the dead silo (refused or timed out). Ask again.
                await Task.Delay(25);
            }
        }
    }

    private static async Task<(SiloProcess, int)> StartSiloAsync(string connectionString, string clusterId, bool tuned)
    {
        var port = BenchSilos.FreePort();
        var process = await SiloProcess.StartAsync(
            "silo", connectionString, clusterId, port.ToString(CultureInfo.InvariantCulture),
            BenchSilos.FreePort().ToString(CultureInfo.InvariantCulture), tuned ? "tuned" : "default");
        return (process, port);
    }

    private static IHost StartClient(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "edgehive-bench";
            });
            client.UseEdgeHivePostgresClustering(connectionString);
            // The client starts before the silos: it re-reads the gateway list often and keeps trying to connect.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(200, cancellationToken);
                return true;
            });
        });
        var host = builder.Build();
        _ = host.StartAsync(); // completes once the first silo is up; FillAsync waits for that through the client
        return host;
    }

    private static Task WaitForActiveAsync(IClusterClient grains, int count) =>
        BenchSilos.WaitAsync(
            async () =>
            {
                try
                {
                    return (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count;
                }
                catch (Exception)
                {
                    return false;
                }
            },
            Deadline, $"the cluster did not reach {count} active silos");

    private static async Task PrepareAsync(string connectionString)
    {
        await OrleansPostgresSchema.EnsureCreatedAsync(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS bench_failover (key text PRIMARY KEY, value integer NOT NULL)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
