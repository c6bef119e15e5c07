using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using System.Collections.Concurrent;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary><see cref="IJoinTokens"/> on the cluster's system records. A use is a conditional write on the version
/// read, so two nodes racing for the last use of a token cannot both get it. Uses of one token from this silo take
/// turns: a fleet provisioned with one token joins in a storm, and racing conditional writes on the token's row would
/// mostly lose and refuse nodes; across silos the conditional write still decides and a loser retries.</summary>
internal sealed class JoinTokenStore(ISystemRecordStore storage, IOptions<AuthOptions> options, TimeProvider timeProvider) : IJoinTokens
{
    private const int MaxConsumeAttempts = 10;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _consumeTurns = new(StringComparer.Ordinal);

    public async Task<IssuedJoinToken> CreateAsync(string? description, TimeSpan? ttl, int? maxUses, CancellationToken cancellationToken)
    {
        var lifetime = ttl ?? options.Value.DefaultJoinTokenTtl;
        if (lifetime <= TimeSpan.Zero || lifetime > options.Value.MaxJoinTokenTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), $"ttl must be positive and at most {options.Value.MaxJoinTokenTtl}.");
        }

        if (maxUses is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxUses), "maxUses must be at least 1.");
        }

        var id = SecretTokens.NewId();
        var token = SecretTokens.Create(SecretTokens.JoinPrefix, id);
        var now = timeProvider.GetUtcNow();
        var record = new JoinTokenRecord(id, description, SecretTokens.Hash(token), now, now + lifetime, maxUses, 0, null);
        await SystemRows.WriteAsync(storage, SystemRows.JoinTokens, id, record, 0, cancellationToken).ConfigureAwait(false);
        return new IssuedJoinToken(record.ToInfo(now), token);
    }

    public async Task<IReadOnlyList<JoinTokenInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await SystemRows.ListAsync<JoinTokenRecord>(storage, SystemRows.JoinTokens, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        return records.Select(r => r.ToInfo(now)).ToArray();
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConsumeAttempts; attempt++)
        {
            var row = await storage.ReadAsync(SystemRows.JoinTokens, id, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            try
            {
                await storage.ClearAsync(SystemRows.JoinTokens, id, row.Version, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (InconsistentStateException)
            {
                // A node used the token meanwhile; read again and delete the newer row.
            }
        }

        throw new InvalidOperationException($"Join token {id} kept changing while being revoked.");
    }

    public async Task<JoinTokenInfo?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        return found is { Record: var record } && record.IsUsable(now) ? record.ToInfo(now) : null;
    }

    public async Task<JoinTokenInfo?> ConsumeAsync(string token, string nodeName, CancellationToken cancellationToken)
    {
        if (ResourceNames.CheckSubdomain(nodeName) is { } error)
        {
            throw new ArgumentException("node name " + error, nameof(nodeName));
        }

        // Only a genuine token gets a turn, so made-up ids cannot grow the table of turns.
        if (await FindAsync(token, cancellationToken).ConfigureAwait(false) is not { Record.Id: var id })
        {
            return null;
        }

        var turn = _consumeTurns.GetOrAdd(id, static _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ConsumeInTurnAsync(token, nodeName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<JoinTokenInfo?> ConsumeInTurnAsync(string token, string nodeName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConsumeAttempts; attempt++)
        {
            var found = await FindAsync(token, cancellationToken).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            if (found is not { Record: var record, Version: var version } || !record.IsUsable(now))
            {
                return null;
            }

            var used = record with { Uses = record.Uses + 1, LastUsedBy = nodeName };
            try
            {
                await SystemRows.WriteAsync(storage, SystemRows.JoinTokens, record.Id, used, version, cancellationToken).ConfigureAwait(false);
                return used.ToInfo(now);
            }
            catch (InconsistentStateException)
            {
                // Another node joined with the same token at the same moment; count again on the new version.
            }
        }

        return null;
    }

    private async Task<(JoinTokenRecord Record, long Version)?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!SecretTokens.TryGetId(token, SecretTokens.JoinPrefix, out var id))
        {
            return null;
        }

        var stored = await SystemRows.ReadAsync<JoinTokenRecord>(storage, SystemRows.JoinTokens, id, cancellationToken).ConfigureAwait(false);
        return stored is { Value: var record } && SecretTokens.Matches(token, record.Hash) ? (record, stored.Value.Version) : null;
    }
}
