using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary><see cref="INodeCredentials"/> on the cluster's system records, one record per node.</summary>
/// <remarks>Revoking or replacing a credential publishes a <see cref="ChangeKinds.Credential"/> change after the row
/// changed, so every silo's gateway ends the node's live sessions that authenticated with the old credential (4401). A
/// failed publish fails the call (the row is changed already; the admin sees the error and the session stays until
/// the next revocation), rather than answering success while the session lives on.</remarks>
internal sealed class NodeCredentialStore(ISystemRecordStore storage, IJoinTokens joinTokens, IChangeFeed changes, TimeProvider timeProvider) : INodeCredentials
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
                if (row is not null)
                {
                    await PublishAsync(nodeName, ChangeOperations.Updated, row.Version + 1, cancellationToken).ConfigureAwait(false);
                }

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
                await PublishAsync(nodeName, ChangeOperations.Deleted, row.Version, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Stamped after the row changed: a connection whose credential check started before this time may have
    /// used the old credential, one after it cannot have.</summary>
    private Task PublishAsync(string nodeName, string operation, long version, CancellationToken cancellationToken) =>
        changes.PublishAsync(new ChangeEvent(0, ChangeKinds.Credential, nodeName, nodeName, operation, version, timeProvider.GetUtcNow()), cancellationToken);

    private static void CheckName(string nodeName)
    {
        if (ResourceNames.CheckSubdomain(nodeName) is { } error)
        {
            throw new ArgumentException("node name " + error, nameof(nodeName));
        }
    }
}
