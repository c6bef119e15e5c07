using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Cluster;

internal sealed partial class PortalChangeHub
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Change subscription started after id {AfterId}")]
        public static partial void Subscribed(ILogger logger, long afterId);

        [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Change subscription through {Gateways} lost ({Reason}); retrying")]
        public static partial void SubscriptionLost(ILogger logger, string gateways, string reason);
    }
}
