using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Gateway;

internal sealed partial class EdgeConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Node {Node} connection {Connection} attached with epoch {Epoch} (replaced {PreviousSilo} epoch {PreviousEpoch})")]
        public static partial void Attached(ILogger logger, string node, string connection, long epoch, string? previousSilo, long previousEpoch);

        [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Node {Node} connection {Connection} epoch {Epoch} closed (close code {Code})")]
        public static partial void Closed(ILogger logger, string node, string connection, long epoch, int code);

        [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: attaching to the session failed")]
        public static partial void AttachFailed(ILogger logger, string node, string connection, Exception exception);

        [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: detaching epoch {Epoch} failed")]
        public static partial void DetachFailed(ILogger logger, string node, string connection, long epoch, Exception exception);

        [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Node {Node} connection {Connection} epoch {Epoch} superseded: {Reason}")]
        public static partial void Superseded(ILogger logger, string node, string connection, long epoch, string reason);

        [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: outbound queue full, closing so the session resends on reconnect")]
        public static partial void OutboundQueueFull(ILogger logger, string node, string connection);

        [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: nothing received within the keepalive timeout")]
        public static partial void KeepAliveTimeout(ILogger logger, string node, string connection);

        [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: close handshake timed out, aborting")]
        public static partial void CloseTimedOut(ILogger logger, string node, string connection);

        [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: frame rejected with {Code}: {Reason}")]
        public static partial void FrameRejected(ILogger logger, string node, string connection, int code, string reason);

        [LoggerMessage(EventId = 4209, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: unknown message kind {Kind}")]
        public static partial void UnknownKind(ILogger logger, string node, string connection, string kind);

        [LoggerMessage(EventId = 4210, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: storing {Kind} message {MessageId} failed")]
        public static partial void UpstreamFailed(ILogger logger, string node, string connection, string kind, string messageId, Exception exception);

        [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: {Kind} message {MessageId} rejected with {Code}: {Reason}")]
        public static partial void UpstreamRejected(ILogger logger, string node, string connection, string kind, string messageId, int code, string? reason);

        [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: recording the acknowledgement of {MessageId} failed; it is resent on reconnect")]
        public static partial void AckFailed(ILogger logger, string node, string connection, string messageId, Exception exception);

        [LoggerMessage(EventId = 4213, Level = LogLevel.Warning, Message = "Node {Node} connection {Connection}: the edge rejected {MessageId} with {Code}: {Reason}")]
        public static partial void DownstreamRejected(ILogger logger, string node, string connection, string messageId, int code, string reason);

        [LoggerMessage(EventId = 4214, Level = LogLevel.Information, Message = "Node {Node} connection {Connection}: the edge reported error {Code}: {Reason}")]
        public static partial void EdgeReportedError(ILogger logger, string node, string connection, int code, string reason);

        [LoggerMessage(EventId = 4215, Level = LogLevel.Error, Message = "Node {Node} connection {Connection}: downstream message {MessageId} ({Kind}) could not be translated")]
        public static partial void TranslationFailed(ILogger logger, string node, string connection, string messageId, ObjectKind kind, Exception exception);

        [LoggerMessage(EventId = 4216, Level = LogLevel.Error, Message = "Node {Node} connection {Connection}: send loop failed")]
        public static partial void SendLoopFailed(ILogger logger, string node, string connection, Exception exception);
    }
}
