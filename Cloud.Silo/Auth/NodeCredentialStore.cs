using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary><see cref="INodeCredentials"/> on the cluster's system records, one record per node.</summary>
internal sealed class NodeCredentialStore(ISystemRecordStore storage, IJoinTokens joinTokens, TimeProvider timeProvider) : INodeCredentials
{
    private const int MaxAttempts = 10;

    public async Task<IssuedNodeCredential> IssueAsync(string nodeName, CancellationToken cancellationToken)
    {
        CheckName(nodeName);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await storage.ReadAsync(SystemRows.NodeCredentials, nodeName, cancellationToken).ConfigureAwait(false);
            var issued = await TryWriteAsync(nodeName, row?.Version ?? 0, null, cancellationToken).ConfigureAwait(false);
            if (issued is not null)
            {
                return issued;
            }
        }

        throw new InvalidOperationException($"The credential of node {nodeName} kept changing while being issued.");
    }

    public async Task<NodeJoinResult> JoinAsync(string joinToken, string nodeName, CancellationToken cancellationToken)
    {
        CheckName(nodeName);
        if (await ExistsAsync(nodeName, cancellationToken).ConfigureAwait(false))
        {
            // Only the holder of a valid join token learns that the node exists; anyone else gets the answer an
            // unknown node gets, so node names cannot be probed with made-up tokens.
            return await joinTokens.ValidateAsync(joinToken, cancellationToken).ConfigureAwait(false) is null
                ? new NodeJoinResult(NodeJoinStatus.InvalidJoinToken, null)
                : new NodeJoinResult(NodeJoinStatus.AlreadyRegistered, null);
        }

        var used = await joinTokens.ConsumeAsync(joinToken, nodeName, cancellationToken).ConfigureAwait(false);
        if (used is null)
        {
            return new NodeJoinResult(NodeJoinStatus.InvalidJoinToken, null);
        }

        // Insert only: if another connection of the same node joined in between, it owns the node.
        var issued = await TryWriteAsync(nodeName, 0, used.Id, cancellationToken).ConfigureAwait(false);
        return issued is null
            ? new NodeJoinResult(NodeJoinStatus.AlreadyRegistered, null)
            : new NodeJoinResult(NodeJoinStatus.Joined, issued);
    }

    public async Task<string?> ValidateAsync(string credential, CancellationToken cancellationToken)
    {
        if (!SecretTokens.TryGetId(credential, SecretTokens.NodePrefix, out var nodeName) || ResourceNames.CheckSubdomain(nodeName) is not null)
        {
            return null;
        }

        var stored = await SystemRows.ReadAsync<NodeCredentialRecord>(storage, SystemRows.NodeCredentials, nodeName, cancellationToken).ConfigureAwait(false);
        return stored is { Value: var record } && SecretTokens.Matches(credential, record.Hash) ? record.NodeName : null;
    }

    public async Task<bool> ExistsAsync(string nodeName, CancellationToken cancellationToken) =>
        await storage.ReadAsync(SystemRows.NodeCredentials, nodeName, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<bool> RevokeAsync(string nodeName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await storage.ReadAsync(SystemRows.NodeCredentials, nodeName, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            try
            {
                await storage.ClearAsync(SystemRows.NodeCredentials, nodeName, row.Version, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (InconsistentStateException)
            {
                // Re-issued meanwhile; revoke the newer credential too.
            }
        }

        throw new InvalidOperationException($"The credential of node {nodeName} kept changing while being revoked.");
    }

    private async Task<IssuedNodeCredential?> TryWriteAsync(string nodeName, long expectedVersion, string? joinTokenId, CancellationToken cancellationToken)
    {
        var credential = SecretTokens.Create(SecretTokens.NodePrefix, nodeName);
        var record = new NodeCredentialRecord(nodeName, SecretTokens.Hash(credential), timeProvider.GetUtcNow(), joinTokenId);
        try
        {
            await SystemRows.WriteAsync(storage, SystemRows.NodeCredentials, nodeName, record, expectedVersion, cancellationToken).ConfigureAwait(false);
            return new IssuedNodeCredential(nodeName, credential, record.IssuedAt);
        }
        catch (InconsistentStateException)
        {
            return null;
        }
    }

    private static void CheckName(string nodeName)
    {
        if (ResourceNames.CheckSubdomain(nodeName) is { } error)
        {
            throw new ArgumentException("node name " + error, nameof(nodeName));
        }
    }
}
