using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>Log messages of <see cref="ConnectionHandoff"/> (event ids 1120–1124).</summary>
internal sealed partial class ConnectionHandoff
{
    [LoggerMessage(EventId = 1120, Level = LogLevel.Error, Message = "Handler for accepted connection {ConnectionId} from {RemoteEndPoint} failed; aborting it")]
    private static partial void LogHandlerFailed(ILogger logger, long connectionId, string remoteEndPoint, Exception exception);
}
