namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A stored API token: everything but the token itself, of which only the hash is kept.</summary>
internal sealed record ApiTokenRecord(
    string Id,
    string Name,
    ApiRole Role,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The public view.</summary>
    public ApiTokenInfo ToInfo() => new(Id, Name, Role, CreatedAt, ExpiresAt);
}
