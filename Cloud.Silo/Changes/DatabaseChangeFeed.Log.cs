using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Changes;

internal sealed partial class DatabaseChangeFeed
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Reading the change feed failed; retrying")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3121, Level = LogLevel.Debug, Message = "A change feed reader fell behind at {LastId}; it catches up from the table")]
        public static partial void ReaderLagged(ILogger logger, long lastId);
    }
}
