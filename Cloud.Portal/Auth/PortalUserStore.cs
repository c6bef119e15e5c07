using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using System.Text.Json;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.AspNetCore.Identity;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>
/// Portal users as records of the cluster's system-record table (kind <c>portaluser</c>, key: the login name), so every
/// silo and a standalone portal on the same database see the same users. Rows carry a version, so two admins changing
/// the same user cannot overwrite each other silently.
/// </summary>
internal sealed class PortalUserStore(ISystemRecordStore storage, TimeProvider time)
{
    private const string GrainType = "portaluser";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PortalUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var row = await storage.ReadAsync(GrainType, Normalize(name), cancellationToken).ConfigureAwait(false);
        return row is null ? null : JsonSerializer.Deserialize<PortalUser>(row.Payload, Json);
    }

    public async Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken)
    {
        var page = await storage.QueryAsync(new GrainQuery { GrainType = GrainType, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
        return page.Items.Select(r => JsonSerializer.Deserialize<PortalUser>(r.Payload, Json)!).ToList();
    }

    /// <summary>Creates a user; false when the name is taken.</summary>
    public async Task<bool> CreateAsync(string name, string role, string password, CancellationToken cancellationToken)
    {
        var user = new PortalUser(Normalize(name), Role(role), PasswordHasher.Hash(password), time.GetUtcNow());
        try
        {
            await WriteAsync(user, 0, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>Changes a user's role and, when given, password; false when the user does not exist.</summary>
    public async Task<bool> UpdateAsync(string name, string role, string? newPassword, CancellationToken cancellationToken)
    {
        var row = await storage.ReadAsync(GrainType, Normalize(name), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var user = JsonSerializer.Deserialize<PortalUser>(row.Payload, Json)!;
        user = user with
        {
            Role = Role(role),
            PasswordHash = string.IsNullOrEmpty(newPassword) ? user.PasswordHash : PasswordHasher.Hash(newPassword),
        };
        await WriteAsync(user, row.Version, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var row = await storage.ReadAsync(GrainType, Normalize(name), cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            await storage.ClearAsync(GrainType, Normalize(name), row.Version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The user when the password matches, else null. A hash in an older format or with older parameters is
    /// replaced by a current one on the way (best effort: a concurrent change of the user wins).</summary>
    public async Task<PortalUser?> VerifyAsync(string name, string password, CancellationToken cancellationToken)
    {
        var row = await storage.ReadAsync(GrainType, Normalize(name), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var user = JsonSerializer.Deserialize<PortalUser>(row.Payload, Json)!;
        switch (PasswordHasher.Verify(password, user.PasswordHash))
        {
            case PasswordVerificationResult.Success:
                return user;
            case PasswordVerificationResult.SuccessRehashNeeded:
                user = user with { PasswordHash = PasswordHasher.Hash(password) };
                try
                {
                    await WriteAsync(user, row.Version, cancellationToken).ConfigureAwait(false);
                }
                catch (InconsistentStateException)
                {
                    // Changed meanwhile (a new password, a new role): that change stands; the next sign-in migrates.
                }

                return user;
            default:
                return null;
        }
    }

    private Task WriteAsync(PortalUser user, long expectedVersion, CancellationToken cancellationToken) =>
        storage.WriteAsync(GrainType, user.Name, JsonSerializer.Serialize(user, Json), expectedVersion, [new IndexEntry("role", user.Role)], cancellationToken);

    private static string Normalize(string name) => (name ?? string.Empty).Trim().ToLowerInvariant();

    private static string Role(string role) =>
        PortalRoles.IsKnown(role) ? role : throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
}
