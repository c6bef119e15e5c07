using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Log messages of <see cref="TcpTransportListener"/> (event ids 1125–1129).</summary>
internal sealed partial class TcpTransportListener
{
    [LoggerMessage(EventId = 1125, Level = LogLevel.Information, Message = "Listening on {Host}:{Port}")]
    private static partial void LogListening(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 1126, Level = LogLevel.Information, Message = "Stopped listening on {Host}:{Port}")]
    private static partial void LogStopped(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 1127, Level = LogLevel.Warning, Message = "Accepting a connection on {Host}:{Port} failed")]
    private static partial void LogAcceptFailed(ILogger logger, string host, int port, Exception exception);
}
