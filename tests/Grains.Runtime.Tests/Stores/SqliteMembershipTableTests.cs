using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class SqliteMembershipTableTests : MembershipTableConformance
{
    private readonly SqliteTestBackend _backend = new();

    protected override IMembershipTable CreateTable(string clusterId) => new SqlMembershipTable(_backend.NewDatabase().Dialect, clusterId);
}
