namespace EdgeHive.Grains.Cloud;

/// <summary>The cluster's join tokens for a portal that runs outside the silos (key: any, e.g. <c>default</c>). Backed
/// by the silo's token store, the one the REST API and the edge gateway use.</summary>
public interface IPortalJoinTokenGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>Creates a token valid for <paramref name="validFor"/>; the secret is returned once and never again.</summary>
    Task<IssuedJoinTokenView> Create(string? description, TimeSpan validFor);

    /// <summary>Every token not revoked, without secrets.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<JoinTokenView>> List();

    /// <summary>Revokes (deletes) a token; false when it does not exist.</summary>
    Task<bool> Revoke(string id);
}
