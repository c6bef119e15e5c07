using EdgeHive.Cloud.Silo.Changes;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Ends live sessions whose credential was revoked or replaced, on whichever silo holds the socket: follows the
/// cluster's change feed for <see cref="ChangeKinds.Credential"/> changes (published by the credential store on every
/// silo; the feed polls every <c>ChangeFeed:PollInterval</c>, 250 ms, and a change made on this silo wakes it at once)
/// and closes this silo's connections of the node that authenticated before the change with 4401.
/// </summary>
internal sealed partial class NodeRevocationWatcher(
    IChangeFeed feed,
    EdgeConnectionRegistry registry,
    EdgeGatewayOptions options,
    TimeProvider time,
    ILogger<NodeRevocationWatcher> logger) : BackgroundService
{
    /// <summary>The close reason of a revoked credential (or a deleted node).</summary>
    public const string RevokedReason = "node credential revoked; an admin must issue a new one";

    /// <summary>The close reason of a credential replaced by a new one.</summary>
    public const string ReplacedReason = "node credential replaced; connect with the new credential";

    /// <summary>The revocation a change stands for, or null when it is not a credential change.</summary>
    public static NodeRevocation? ToRevocation(ChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind != ChangeKinds.Credential ? null
            : new NodeRevocation(change.Key, change.At, change.Operation == ChangeOperations.Updated ? ReplacedReason : RevokedReason);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long position = -1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (position < 0)
                {
                    position = await feed.LatestIdAsync(stoppingToken).ConfigureAwait(false);
                }

                await foreach (var change in feed.ReadAsync(position, static c => c.Kind == ChangeKinds.Credential, stoppingToken).ConfigureAwait(false))
                {
                    position = change.Id;
                    if (ToRevocation(change) is { } revocation)
                    {
                        var closed = registry.Revoke(revocation, time.GetUtcNow());
                        Log.Revoked(logger, revocation.Node, change.Operation, closed);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away: follow again from the last change seen once it is back.
                Log.FeedFailed(logger, ex);
                try
                {
                    await Task.Delay(options.HeartbeatPeriod, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4220, Level = LogLevel.Information, Message = "Credential of node {Node} {Operation}: {Closed} connection(s) on this silo closed with 4401")]
        public static partial void Revoked(ILogger logger, string node, string operation, int closed);

        [LoggerMessage(EventId = 4221, Level = LogLevel.Warning, Message = "Following credential revocations on the change feed failed; retrying")]
        public static partial void FeedFailed(ILogger logger, Exception exception);
    }
}
