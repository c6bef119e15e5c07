namespace EdgeHive.Cloud.Silo.Observability;

internal sealed partial class SiloStatsPublisher
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3220, Level = LogLevel.Warning, Message = "Storing this silo's statistics failed; retrying at the next tick")]
        public static partial void PublishFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3221, Level = LogLevel.Debug, Message = "Removing this silo's statistics row failed")]
        public static partial void RemoveFailed(ILogger logger, Exception exception);
    }
}
