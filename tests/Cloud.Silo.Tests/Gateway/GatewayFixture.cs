namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>One SQLite silo with the gateway's default settings, shared by the tests of a class (each test uses its
/// own node names).</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal GatewayHost Host { get; private set; } = null!;

    internal string JoinToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartSqliteAsync();
        JoinToken = await Host.CreateJoinTokenAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
