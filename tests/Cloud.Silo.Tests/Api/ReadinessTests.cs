using EdgeHive.Cloud.Silo.Observability;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary><c>/readyz</c>'s rule: ready only while this silo is active in Orleans' membership and not stopping.</summary>
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
        var (isReady, why) = ObservabilityEndpoints.Readiness(status, stopping);
        Assert.Equal(ready, isReady);
        Assert.Contains(reason == "not joined" ? "has not joined" : reason, why, StringComparison.Ordinal);
    }
}
