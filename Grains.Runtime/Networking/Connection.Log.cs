using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Log messages of <see cref="Connection"/> (event ids 1100–1119).</summary>
internal sealed partial class Connection
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Connection {ConnectionId} to {RemoteEndPoint} started")]
    private static partial void LogStarted(ILogger logger, long connectionId, string remoteEndPoint);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Connection {ConnectionId} to {RemoteEndPoint} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, long connectionId, string remoteEndPoint, string? reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Connection {ConnectionId} to {RemoteEndPoint} received a bad frame and closes: {Reason}")]
    private static partial void LogBadFrame(ILogger logger, long connectionId, string remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Connection {ConnectionId} to {RemoteEndPoint}: receive failed")]
    private static partial void LogReceiveFailed(ILogger logger, long connectionId, string remoteEndPoint, Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "Connection {ConnectionId} to {RemoteEndPoint}: send failed")]
    private static partial void LogSendFailed(ILogger logger, long connectionId, string remoteEndPoint, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Error, Message = "Message handler failed for {Message} on connection {ConnectionId}; the message is dropped")]
    private static partial void LogMessageHandlerFailed(ILogger logger, string message, long connectionId, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Connection {ConnectionId} to {RemoteEndPoint} did not close within {Timeout}; aborting")]
    private static partial void LogCloseTimedOut(ILogger logger, long connectionId, string remoteEndPoint, TimeSpan timeout);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "A closed-callback of connection {ConnectionId} to {RemoteEndPoint} failed")]
    private static partial void LogClosedCallbackFailed(ILogger logger, long connectionId, string remoteEndPoint, Exception exception);
}
