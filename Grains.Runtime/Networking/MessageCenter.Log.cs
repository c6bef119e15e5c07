using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

internal sealed partial class MessageCenter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "Handshake rejected from cluster {Cluster}")]
        public static partial void HandshakeRejected(ILogger logger, string cluster);

        [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Rejected a request from {Peer}: {Reason}")]
        public static partial void BadRequest(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 2302, Level = LogLevel.Debug, Message = "Gossip to {Silo} failed: {Reason}")]
        public static partial void GossipFailed(ILogger logger, SiloAddress silo, string reason);

        [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Directory registration of client {ClientId} failed")]
        public static partial void ClientRegistrationFailed(ILogger logger, string clientId, Exception exception);
    }
}
