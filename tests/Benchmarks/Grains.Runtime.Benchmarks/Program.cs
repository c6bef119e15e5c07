using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using EdgeHive.Benchmarks;

// Runtime benchmarks: a plain harness (the scenarios need running silos, which BenchmarkDotNet's model does not fit).
// Usage: dotnet run -c Release --project tests/Benchmarks/Grains.Runtime.Benchmarks -- [--quick] [--json FILE] [--postgres CONNSTR]
var arguments = args.ToList();
var quick = arguments.Remove("--quick");
string? jsonPath = null;
string? postgres = null;
for (var i = 0; i < arguments.Count - 1; i++)
{
    if (arguments[i] == "--json")
    {
        jsonPath = arguments[i + 1];
    }
    else if (arguments[i] == "--postgres")
    {
        postgres = arguments[i + 1];
    }
}

var results = new List<BenchmarkResult>();
var scale = quick ? 0.1 : 1.0;
results.Add(await RuntimeBenchmarks.LocalCallsAsync(scale));
results.Add(await RuntimeBenchmarks.CrossSiloCallsAsync(scale));
results.Add(await RuntimeBenchmarks.ActivationRateAsync(scale, "sqlite", null));
if (postgres is not null)
{
    results.Add(await RuntimeBenchmarks.ActivationRateAsync(scale, "postgres", postgres));
}

results.Add(await RuntimeBenchmarks.MemoryPerActivationAsync(scale));

var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
Console.WriteLine();
Console.WriteLine($"EdgeHive runtime benchmarks — {machine}");
Console.WriteLine($"| {"benchmark",-44} | {"value",14} | {"unit",-12} | {"p50",9} | {"p99",9} |");
Console.WriteLine($"|{new string('-', 46)}|{new string('-', 16)}|{new string('-', 14)}|{new string('-', 11)}|{new string('-', 11)}|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name,-44} | {r.Value,14:N0} | {r.Unit,-12} | {Fmt(r.P50Microseconds),9} | {Fmt(r.P99Microseconds),9} |"));
}

if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { machine, date = DateTimeOffset.UtcNow, results }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"written {jsonPath}");
}

static string Fmt(double? us) => us is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{us:F0} µs");

internal sealed record BenchmarkResult(string Name, double Value, string Unit, double? P50Microseconds = null, double? P99Microseconds = null);
