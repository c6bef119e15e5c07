using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Outbox;

public sealed partial class OutboxDispatcher
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Cloud acknowledged {Count} outbox entries ({Deleted} deleted)")]
    private partial void LogAcknowledged(int count, int deleted);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Sending outbox entries from {Seq} failed; they will be replayed")]
    private partial void LogSendFailed(Exception exception, long seq);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "No acknowledgement for {Interval}; replaying the outbox from the oldest entry")]
    private partial void LogResending(TimeSpan interval);
}
