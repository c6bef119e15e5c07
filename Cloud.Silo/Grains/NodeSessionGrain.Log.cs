using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

internal sealed partial class NodeSessionGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Resending {Count} unacknowledged message(s) to node {Node} (epoch {Epoch})")]
        public static partial void Resending(ILogger logger, string node, int count, long epoch);

        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Delivering to node {Node} (epoch {Epoch}) failed; the messages stay queued")]
        public static partial void DeliveryFailed(ILogger logger, string node, long epoch, Exception exception);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Calling {What} on an observer of node {Node} failed")]
        public static partial void ObserverCallFailed(ILogger logger, string node, string what, Exception exception);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Node {Node}: refused a connection on silo {Silo}, which the cluster declared dead")]
        public static partial void AttachRefused(ILogger logger, string node, string silo);
    }
}
