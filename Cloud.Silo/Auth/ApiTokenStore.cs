using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// API tokens for REST callers, stored hashed in the cluster's system records (so every silo sees the same tokens and a
/// revocation takes effect everywhere at the next request). The bootstrap admin token from configuration is never
/// stored; it is compared against its hash held in memory.
/// </summary>
internal sealed class ApiTokenStore(ISystemRecordStore storage, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    /// <summary>Id of the admin token generated on the first start when configuration names none.</summary>
    public const string BootstrapId = "bootstrap";

    private readonly string? _configuredAdminHash =
        string.IsNullOrEmpty(options.Value.AdminToken) ? null : SecretTokens.Hash(options.Value.AdminToken);

    /// <summary>True when configuration supplies the bootstrap admin token.</summary>
    public bool HasConfiguredAdminToken => _configuredAdminHash is not null;

    /// <summary>Creates a token; the result holds the only copy of the secret.</summary>
    public async Task<IssuedApiToken> CreateAsync(string name, ApiRole role, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var id = SecretTokens.NewId();
        var token = SecretTokens.Create(SecretTokens.ApiPrefix, id);
        var record = new ApiTokenRecord(id, name, role, SecretTokens.Hash(token), timeProvider.GetUtcNow(), expiresAt);
        await SystemRows.WriteAsync(storage, SystemRows.ApiTokens, id, record, 0, cancellationToken).ConfigureAwait(false);
        return new IssuedApiToken(record.ToInfo(), token);
    }

    /// <summary>Creates the bootstrap admin token unless one exists (on this or another silo).</summary>
    /// <returns>The token when this call created it; null when it already existed.</returns>
    public async Task<string?> EnsureBootstrapTokenAsync(CancellationToken cancellationToken)
    {
        if (await storage.ReadAsync(SystemRows.ApiTokens, BootstrapId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        var token = SecretTokens.Create(SecretTokens.ApiPrefix, BootstrapId);
        var record = new ApiTokenRecord(BootstrapId, "bootstrap admin", ApiRole.Admin, SecretTokens.Hash(token), timeProvider.GetUtcNow(), null);
        try
        {
            await SystemRows.WriteAsync(storage, SystemRows.ApiTokens, BootstrapId, record, 0, cancellationToken).ConfigureAwait(false);
            return token;
        }
        catch (InconsistentStateException)
        {
            // Another silo starting at the same time won the insert; its token is the bootstrap token.
            return null;
        }
    }

    /// <summary>All stored tokens, including expired ones (so they can be revoked), in id order.</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await SystemRows.ListAsync<ApiTokenRecord>(storage, SystemRows.ApiTokens, cancellationToken).ConfigureAwait(false);
        return records.Select(r => r.ToInfo()).ToArray();
    }

    /// <summary>Deletes a token; false when there is none with that id.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var row = await storage.ReadAsync(SystemRows.ApiTokens, id, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        try
        {
            await storage.ClearAsync(SystemRows.ApiTokens, id, row.Version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (InconsistentStateException)
        {
            // Changed or deleted concurrently; a second attempt reads the new state.
            return await RevokeAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The token's facts when it is valid now; null when unknown, revoked or expired.</summary>
    public async Task<ApiTokenInfo?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (_configuredAdminHash is not null && SecretTokens.Matches(token, _configuredAdminHash))
        {
            return new ApiTokenInfo("configured-admin", "Auth:AdminToken", ApiRole.Admin, DateTimeOffset.MinValue, null);
        }

        if (!SecretTokens.TryGetId(token, SecretTokens.ApiPrefix, out var id))
        {
            return null;
        }

        var stored = await SystemRows.ReadAsync<ApiTokenRecord>(storage, SystemRows.ApiTokens, id, cancellationToken).ConfigureAwait(false);
        if (stored is not { Value: var record } || !SecretTokens.Matches(token, record.Hash))
        {
            return null;
        }

        return record.ExpiresAt is { } expires && expires <= timeProvider.GetUtcNow() ? null : record.ToInfo();
    }
}
