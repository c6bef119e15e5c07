using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// The cluster as Orleans knows it, for <c>GET /api/v1/cluster/silos</c> and the portal's cluster page: every silo of
/// the membership table (through <see cref="IManagementGrain"/>, so any silo answers for the whole cluster) with its
/// status, start and I-am-alive times, and the active silos' activation counts per grain type.
/// </summary>
internal sealed class ClusterView(IGrainFactory grains, ILocalSiloDetails local)
{
    /// <summary>The silos, active ones first, then by start time (newest first).</summary>
    public async Task<IReadOnlyList<ClusterSilo>> SilosAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var counts = await CountsAsync(management, active, cancellationToken).ConfigureAwait(false);
        return [.. hosts
            .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1)
            .ThenByDescending(h => h.StartTime)
            .Select(h =>
            {
                var byType = counts?.GetValueOrDefault(h.SiloAddress);
                return new ClusterSilo(
                    h.SiloAddress.ToParsableString(),
                    h.SiloName ?? string.Empty,
                    h.HostName ?? string.Empty,
                    h.Status.ToString(),
                    h.ProxyPort,
                    Utc(h.StartTime),
                    Utc(h.IAmAliveTime),
                    h.SiloAddress.Equals(local.SiloAddress),
                    byType?.Values.Sum() ?? (h.Status == SiloStatus.Active && counts is not null ? 0 : null),
                    byType ?? (h.Status == SiloStatus.Active && counts is not null ? new Dictionary<string, int>() : null));
            })];
    }

    /// <summary>The short name of a grain class as Orleans' statistics name it (its full type name).</summary>
    public static string ShortTypeName(string grainType)
    {
        ArgumentNullException.ThrowIfNull(grainType);
        var name = grainType.Split(',')[0];
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        name = generic >= 0 ? name[..generic] : name;
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private static async Task<Dictionary<SiloAddress, Dictionary<string, int>>?> CountsAsync(
        IManagementGrain management, SiloAddress[] active, CancellationToken cancellationToken)
    {
        if (active.Length == 0)
        {
            return [];
        }

        SimpleGrainStatistic[] statistics;
        try
        {
            statistics = await management.GetSimpleGrainStatistics(active).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansException)
        {
            // A silo listed active has just gone: show the membership without counts rather than fail.
            return null;
        }

        var result = active.ToDictionary(a => a, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var statistic in statistics)
        {
            if (statistic.ActivationCount > 0 && result.TryGetValue(statistic.SiloAddress, out var byType))
            {
                var name = ShortTypeName(statistic.GrainType);
                byType[name] = byType.GetValueOrDefault(name) + statistic.ActivationCount;
            }
        }

        return result;
    }

    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());
}
