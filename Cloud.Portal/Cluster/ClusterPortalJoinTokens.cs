using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>The cluster page's join tokens in a standalone portal: the silos' token store through
/// <see cref="IPortalJoinTokenGrain"/> (an Orleans grain).</summary>
internal sealed class ClusterPortalJoinTokens(PortalOrleansClient orleans) : IPortalJoinTokens
{
    private IPortalJoinTokenGrain Grain => orleans.Grains.GetGrain<IPortalJoinTokenGrain>("default");

    public async Task<(JoinTokenView Token, string Secret)> CreateAsync(string? description, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var issued = await Grain.Create(description, validFor).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (issued.Token, issued.Secret);
    }

    public Task<IReadOnlyList<JoinTokenView>> ListAsync(CancellationToken cancellationToken) => Grain.List().WaitAsync(cancellationToken);

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) => Grain.Revoke(id).WaitAsync(cancellationToken);
}
