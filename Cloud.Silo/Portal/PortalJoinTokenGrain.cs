using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Concurrency;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary><see cref="IPortalJoinTokenGrain"/> over the silo's join-token store (<see cref="SiloPortalJoinTokens"/>,
/// the same translation the in-process portal uses). The store is cluster-wide (rows in the cluster database), so any
/// activation answers the same (a stateless worker, local to the caller's gateway); silos without the REST API have
/// no store and refuse.</summary>
[StatelessWorker]
internal sealed class PortalJoinTokenGrain(IServiceProvider services) : Grain, IPortalJoinTokenGrain
{
    private SiloPortalJoinTokens Tokens => services.GetService(typeof(IJoinTokens)) is IJoinTokens store
        ? new SiloPortalJoinTokens(store)
        : throw new InvalidOperationException("This silo has no join-token store (the REST API is not enabled).");

    public async Task<IssuedJoinTokenView> Create(string? description, TimeSpan validFor)
    {
        var (token, secret) = await Tokens.CreateAsync(description, validFor, CancellationToken.None);
        return new IssuedJoinTokenView(token, secret);
    }

    public Task<IReadOnlyList<JoinTokenView>> List() => Tokens.ListAsync(CancellationToken.None);

    public Task<bool> Revoke(string id) => Tokens.RevokeAsync(id, CancellationToken.None);
}
