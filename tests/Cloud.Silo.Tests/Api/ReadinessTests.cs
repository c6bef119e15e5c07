using EdgeHive.Cloud.Silo.Observability;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary><c>/readyz</c>'s rule: ready only while this silo is active in Orleans' membership, not stopping, and the
/// cluster database answers.</summary>
public sealed class ReadinessTests
{
    [Theory]
    [InlineData(SiloStatus.Created, false, false, "not joined")]
    [InlineData(SiloStatus.Joining, false, false, "not joined")]
    [InlineData(SiloStatus.Active, false, true, "")]
    [InlineData(SiloStatus.Active, true, false, "shutting down")]
    [InlineData(SiloStatus.ShuttingDown, false, false, "shutting down")]
    [InlineData(SiloStatus.Stopping, false, false, "shutting down")]
    [InlineData(SiloStatus.Dead, false, false, "shutting down")]
    public void Ready_only_while_active_and_not_stopping(SiloStatus status, bool stopping, bool ready, string reason)
    {
        var (isReady, why) = ObservabilityEndpoints.Readiness(status, stopping, databaseReachable: true);
        Assert.Equal(ready, isReady);
        Assert.Contains(reason == "not joined" ? "has not joined" : reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_silo_is_not_ready_while_the_cluster_database_is_unreachable()
    {
        Assert.Equal((false, "cluster database unreachable"), ObservabilityEndpoints.Readiness(SiloStatus.Active, false, databaseReachable: false));
        Assert.Equal("the silo is shutting down", ObservabilityEndpoints.Readiness(SiloStatus.Active, true, databaseReachable: false).Reason);
    }
}
