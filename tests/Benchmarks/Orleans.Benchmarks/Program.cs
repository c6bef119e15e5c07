using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using EdgeHive.Orleans.Benchmarks;
using EdgeHive.Testing;
using Microsoft.Extensions.Hosting;

// Grain calls, activations and memory on Microsoft Orleans 10.4.2, plus failover of killed silo processes.
// Usage: dotnet run -c Release --project tests/Benchmarks/Orleans.Benchmarks -- [--quick] [--json FILE]
//            [--postgres CONNSTR [--failover-runs N] [--failover-grains N]]
// `silo CONNSTR CLUSTER SILO_PORT GATEWAY_PORT default|tuned` runs one silo process of the failover benchmark.
if (args is ["silo", var connectionString, var clusterId, var siloPort, var gatewayPort, var mode])
{
    using var host = BenchSilos.BuildPostgres(connectionString, clusterId, int.Parse(siloPort, CultureInfo.InvariantCulture),
        int.Parse(gatewayPort, CultureInfo.InvariantCulture), tuned: mode == "tuned");
    await host.StartAsync();
    Console.WriteLine(SiloProcess.ReadyLine);
    await host.WaitForShutdownAsync();
    return 0;
}

var arguments = args.ToList();
var quick = arguments.Remove("--quick");
string? jsonPath = Option("--json");
string? postgres = Option("--postgres");
var failoverRuns = int.Parse(Option("--failover-runs") ?? "3", CultureInfo.InvariantCulture);
var failoverGrains = int.Parse(Option("--failover-grains") ?? "300", CultureInfo.InvariantCulture);

var results = new List<BenchmarkResult>();
var scale = quick ? 0.1 : 1.0;
Report(await OrleansBenchmarks.LocalCallsAsync(scale));
Report(await OrleansBenchmarks.CrossSiloCallsAsync(scale));
Report(await OrleansBenchmarks.ActivationRateAsync(scale));
Report(await OrleansBenchmarks.MemoryPerActivationAsync(scale));
if (postgres is not null)
{
    foreach (var result in await FailoverBenchmark.RunAsync(postgres, quick ? 1 : failoverRuns, failoverGrains))
    {
        Report(result);
    }
}

var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
Console.WriteLine();
Console.WriteLine($"Orleans 10.4.2 benchmarks — {machine}");
Console.WriteLine($"| {"benchmark",-58} | {"value",14} | {"unit",-13} | {"p50",9} | {"p99",9} | runs");
Console.WriteLine($"|{new string('-', 60)}|{new string('-', 16)}|{new string('-', 15)}|{new string('-', 11)}|{new string('-', 11)}|-----");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name,-58} | {r.Value,14:N1} | {r.Unit,-13} | {Fmt(r.P50Microseconds),9} | {Fmt(r.P99Microseconds),9} | {r.Detail}"));
}

if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { machine, date = DateTimeOffset.UtcNow, results }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"written {jsonPath}");
}

return 0;

// Each result is printed as soon as it is measured, so a later failure does not lose it.
void Report(BenchmarkResult result)
{
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Name}: {result.Value:N1} {result.Unit} {result.Detail}"));
}

string? Option(string name)
{
    var i = arguments.IndexOf(name);
    return i >= 0 && i < arguments.Count - 1 ? arguments[i + 1] : null;
}

static string Fmt(double? us) => us is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{us:F0} µs");

internal sealed record BenchmarkResult(string Name, double Value, string Unit, double? P50Microseconds = null, double? P99Microseconds = null, string? Detail = null);
