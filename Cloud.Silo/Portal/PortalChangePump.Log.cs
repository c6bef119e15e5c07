using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Portal;

internal sealed partial class PortalChangePump
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Change subscription of {Subscriber} started after id {AfterId}")]
        public static partial void Started(ILogger logger, string subscriber, long afterId);

        [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "Change subscription of {Subscriber} ended (lease expired or unsubscribed)")]
        public static partial void Stopped(ILogger logger, string subscriber);

        [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Change subscription of {Subscriber} ended: delivery failed")]
        public static partial void DeliveryFailed(ILogger logger, string subscriber, Exception exception);

        [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Change subscription of {Subscriber}: reading the change feed failed")]
        public static partial void FeedFailed(ILogger logger, string subscriber, Exception exception);
    }
}
