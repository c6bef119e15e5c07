using EdgeHive.Cloud.Silo.Changes;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// What grains use to publish to the change feed after a successful state write. A failed publish is logged and
/// swallowed: the state change is already durable, and failing the operation would tell the caller it did not happen.
/// Readers that missed an event still see the resource's current state when they read it.
/// </summary>
internal sealed partial class ChangePublisher(IChangeFeed feed, TimeProvider time, ILogger<ChangePublisher> logger)
{
    /// <summary>Publishes one change.</summary>
    public async Task PublishAsync(string kind, string key, string? node, string operation, long resourceVersion)
    {
        try
        {
            var change = new ChangeEvent(0, kind, key, node, operation, resourceVersion, time.GetUtcNow());
            await feed.PublishAsync(change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, kind, key, operation, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Publishing change {Operation} of {Kind} {Key} failed")]
        public static partial void PublishFailed(ILogger logger, string kind, string key, string operation, Exception exception);
    }
}
