using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Live;

internal sealed partial class CircuitChanges
{
    internal static void LogHandlerFailed(ILogger logger, Exception exception) => Log.HandlerFailed(logger, exception);

    private static partial class Log
    {
        [LoggerMessage(EventId = 8200, Level = LogLevel.Warning, Message = "Live updates of a circuit: reading changes after id {AfterId} failed ({Reason}); retrying")]
        public static partial void FeedFailed(ILogger logger, long afterId, string reason);

        [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Live updates of a circuit: a component failed to refresh")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);
    }
}
