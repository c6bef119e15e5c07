using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>
/// How fast the Orleans silos declare a silo that stopped answering dead, under Orleans' own names (its
/// <see cref="ClusterMembershipOptions"/>): <c>Cluster:ProbeTimeout</c> (Orleans' default 5 s),
/// <c>Cluster:NumMissedProbesLimit</c> (3) and <c>Cluster:TableRefreshTimeout</c> (how often the membership table is
/// re-read, 60 s). Unset keys keep Orleans' defaults. Shorter values fail a dead silo's grains over sooner, and make a
/// live but stalled silo (a long GC pause, a starved machine) likelier to be declared dead; docs/operations.md says
/// what the end-to-end tests use.
/// </summary>
/// <param name="ProbeTimeout">How long a probe may go unanswered, or null for Orleans' default.</param>
/// <param name="NumMissedProbesLimit">Missed probes before a silo suspects a peer, or null for Orleans' default.</param>
/// <param name="TableRefreshTimeout">How often the membership table is re-read, or null for Orleans' default.</param>
internal sealed record MembershipTiming(TimeSpan? ProbeTimeout, int? NumMissedProbesLimit, TimeSpan? TableRefreshTimeout)
{
    /// <summary>Reads the keys; a value that is not a positive time span (or count) stops the silo at start.</summary>
    /// <exception cref="InvalidOperationException">A key has a value that cannot work.</exception>
    public static MembershipTiming Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(
            Interval(configuration, "Cluster:ProbeTimeout"),
            Count(configuration, "Cluster:NumMissedProbesLimit"),
            Interval(configuration, "Cluster:TableRefreshTimeout"));
    }

    /// <summary>Sets what is configured on Orleans' options; the rest stays Orleans' default.</summary>
    public void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ProbeTimeout is { } probe)
        {
            options.ProbeTimeout = probe;
        }

        if (NumMissedProbesLimit is { } missed)
        {
            options.NumMissedProbesLimit = missed;
        }

        if (TableRefreshTimeout is { } refresh)
        {
            options.TableRefreshTimeout = refresh;
        }
    }

    private static TimeSpan? Interval(IConfiguration configuration, string name) =>
        configuration[name] is not { Length: > 0 } text ? null
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero ? interval
        : throw new InvalidOperationException($"{name} '{text}' is not a positive time span (hh:mm:ss).");

    private static int? Count(IConfiguration configuration, string name) =>
        configuration[name] is not { Length: > 0 } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 100 ? count
        : throw new InvalidOperationException($"{name} '{text}' is not a whole number from 1 to 100.");
}

/// <summary>Registers <see cref="MembershipTiming"/> on the Orleans silo of the host.</summary>
internal static class MembershipTimingExtensions
{
    /// <summary>Reads the membership timing keys (failing at start on a bad value) and applies them to Orleans'
    /// <see cref="ClusterMembershipOptions"/>.</summary>
    public static IServiceCollection AddEdgeHiveMembershipTiming(this IServiceCollection services, IConfiguration configuration)
    {
        var timing = MembershipTiming.Read(configuration);
        services.Configure<ClusterMembershipOptions>(timing.Apply);
        return services;
    }
}
