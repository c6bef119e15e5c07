using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class PostgresMembershipTableTests : MembershipTableConformance
{
    private readonly PostgresTestBackend _backend = new();

    protected override Task InitializeBackendAsync() => _backend.InitializeAsync();

    protected override Task DisposeBackendAsync() => _backend.DisposeAsync().AsTask();

    protected override IMembershipTable CreateTable(string clusterId) => new SqlMembershipTable(_backend.NewDatabase().Dialect, clusterId);
}
