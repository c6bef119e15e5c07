using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Backend;

/// <summary>Join tokens for new edge nodes, when the host offers them (the silo's token store). The cluster page
/// hides the section when none is registered.</summary>
public interface IPortalJoinTokens
{
    /// <summary>Creates a token valid for <paramref name="validFor"/>; the secret is returned once and never again.</summary>
    Task<(JoinTokenView Token, string Secret)> CreateAsync(string? description, TimeSpan validFor, CancellationToken cancellationToken);

    /// <summary>Every token not revoked, without secrets.</summary>
    Task<IReadOnlyList<JoinTokenView>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes (deletes) a token; false when it does not exist.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
