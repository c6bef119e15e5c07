using EdgeHive.Cloud.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary><c>Cluster:ProbeTimeout</c>, <c>Cluster:NumMissedProbesLimit</c> and <c>Cluster:TableRefreshTimeout</c>
/// reach Orleans' <see cref="ClusterMembershipOptions"/>; unset they keep Orleans' defaults; a value that cannot work
/// stops the silo at start with the key's name.</summary>
public sealed class MembershipTimingTests
{
    [Fact]
    public void Configured_timings_reach_orleans_membership_options()
    {
        var options = Options(new()
        {
            ["Cluster:ProbeTimeout"] = "00:00:01",
            ["Cluster:NumMissedProbesLimit"] = "2",
            ["Cluster:TableRefreshTimeout"] = "00:00:02",
        });

        Assert.Equal(TimeSpan.FromSeconds(1), options.ProbeTimeout);
        Assert.Equal(2, options.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(2), options.TableRefreshTimeout);
    }

    [Fact]
    public void Unset_timings_keep_orleans_defaults()
    {
        var options = Options([]);
        var defaults = new ClusterMembershipOptions();

        Assert.Equal(defaults.ProbeTimeout, options.ProbeTimeout);
        Assert.Equal(defaults.NumMissedProbesLimit, options.NumMissedProbesLimit);
        Assert.Equal(defaults.TableRefreshTimeout, options.TableRefreshTimeout);
    }

    [Theory]
    [InlineData("Cluster:ProbeTimeout", "soon")]
    [InlineData("Cluster:ProbeTimeout", "-00:00:01")]
    [InlineData("Cluster:TableRefreshTimeout", "00:00:00")]
    [InlineData("Cluster:NumMissedProbesLimit", "0")]
    [InlineData("Cluster:NumMissedProbesLimit", "two")]
    [InlineData("Cluster:NumMissedProbesLimit", "-1")]
    public void A_value_that_cannot_work_is_refused_with_the_key_name(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Options(new() { [key] = value }));
        Assert.Contains($"{key} '{value}'", error.Message, StringComparison.Ordinal);
    }

    private static ClusterMembershipOptions Options(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var provider = new ServiceCollection().AddEdgeHiveMembershipTiming(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
    }
}
