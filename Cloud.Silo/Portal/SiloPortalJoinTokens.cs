using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>The cluster page's join tokens: the silo's own token store (the one the REST API and the edge gateway use).</summary>
internal sealed class SiloPortalJoinTokens(IJoinTokens tokens) : IPortalJoinTokens
{
    public async Task<(JoinTokenView Token, string Secret)> CreateAsync(string? description, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var issued = await tokens.CreateAsync(description, validFor, null, cancellationToken).ConfigureAwait(false);
        return (ToView(issued.Info), issued.Token);
    }

    public async Task<IReadOnlyList<JoinTokenView>> ListAsync(CancellationToken cancellationToken) =>
        (await tokens.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToView).ToList();

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) => tokens.RevokeAsync(id, cancellationToken);

    private static JoinTokenView ToView(JoinTokenInfo info) =>
        new(info.Id, info.Description, info.CreatedAt, info.ExpiresAt, info.Uses, info.MaxUses, info.Expired);
}
