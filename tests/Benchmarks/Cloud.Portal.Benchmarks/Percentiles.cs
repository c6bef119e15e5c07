using System.Globalization;

namespace EdgeHive.Cloud.Portal.Benchmarks;

/// <summary>p50 and p95 of a set of samples (nearest rank).</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static string Describe(IReadOnlyList<double> samples) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Of(samples, 50):F0} ms, p95 {Of(samples, 95):F0} ms ({samples.Count} samples, min {samples.Min():F0}, max {samples.Max():F0})");
}
