using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

public class MembershipOptionsTests
{
    private static readonly Dictionary<string, Func<MembershipOptions>> Nonsense = new()
    {
        ["zero probe period"] = () => new MembershipOptions { ProbePeriod = TimeSpan.Zero },
        ["negative probe timeout"] = () => new MembershipOptions { ProbeTimeout = TimeSpan.FromSeconds(-1) },
        ["timeout longer than period"] = () => new MembershipOptions { ProbeTimeout = TimeSpan.FromSeconds(3) },
        ["no missed probes"] = () => new MembershipOptions { MissedProbesLimit = 0 },
        ["no votes"] = () => new MembershipOptions { VotesForDeath = 0 },
        ["fewer watchers than votes"] = () => new MembershipOptions { MonitoredSilosPerSilo = 1 },
        ["votes expire too soon"] = () => new MembershipOptions { VoteExpiration = TimeSpan.FromSeconds(5) },
        ["zero heartbeat period"] = () => new MembershipOptions { IAmAlivePeriod = TimeSpan.Zero },
        ["zero refresh period"] = () => new MembershipOptions { TableRefreshPeriod = TimeSpan.Zero },
        ["zero cleanup age"] = () => new MembershipOptions { DefunctSiloCleanupAge = TimeSpan.Zero },
        ["zero cleanup period"] = () => new MembershipOptions { DefunctSiloCleanupPeriod = TimeSpan.Zero },
        ["zero transition timeout"] = () => new MembershipOptions { StuckTransitionTimeout = TimeSpan.Zero },
    };

    public static TheoryData<string> NonsenseNames => new(Nonsense.Keys);

    [Fact]
    public void Defaults_are_valid() => new MembershipOptions().Validate();

    [Theory]
    [MemberData(nameof(NonsenseNames))]
    public void Validate_rejects_settings_that_cannot_work(string what)
    {
        var options = Nonsense[what]();

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void The_service_refuses_invalid_options()
    {
        var self = new SiloAddress("h", 1, 1);
        Assert.Throws<ArgumentException>(() => new MembershipService(
            new InMemoryMembershipTable(), new MembershipOptions { MissedProbesLimit = 0 }, self, "s", 2,
            new FakeSiloNetwork().ProberFor(self), null, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
    }
}
