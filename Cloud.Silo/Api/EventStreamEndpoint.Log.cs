namespace EdgeHive.Cloud.Silo.Api;

internal static partial class EventStreamEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3320, Level = LogLevel.Debug, Message = "Event stream opened after {After} (kind {Kinds}, node {Node}, device {Device})")]
        public static partial void Opened(ILogger logger, long after, string kinds, string? node, string? device);

        [LoggerMessage(EventId = 3321, Level = LogLevel.Debug, Message = "Event stream closed")]
        public static partial void Closed(ILogger logger);
    }
}
