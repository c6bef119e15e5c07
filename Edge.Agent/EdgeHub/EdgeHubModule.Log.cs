using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EdgeHub;

public sealed partial class EdgeHubModule
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Cloud link up: {Url}, session epoch {Epoch}, authenticated with the {Auth}")]
    private partial void LogConnected(Uri url, long epoch, string auth);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Cloud link to {Url} ended (close {CloseCode}, HTTP {HttpStatus}: {Reason}); reconnecting in {Delay} to {Next}")]
    private partial void LogReconnecting(Uri url, int? closeCode, int? httpStatus, string reason, TimeSpan delay, Uri next);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Critical,
        Message = "Cloud link STOPPED: {Url} refused {Auth} (close {CloseCode}, HTTP {HttpStatus}: {Reason}). The agent keeps serving its devices offline; " +
            "re-register the node (new join token and an empty credential) or upgrade the agent, then restart it")]
    private partial void LogStopped(Uri url, int? closeCode, int? httpStatus, string reason, string auth);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Critical,
        Message = "No node credential is stored for node {Node} and no --token was given: the agent runs offline only. Start it once with --token <join token>")]
    private partial void LogNoCredential(string node);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Node {Node} registered with {Url}; the issued node credential is stored and used from now on")]
    private partial void LogRegistered(string node, Uri url);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Cloud object {Kind} {Resource} at version {Version} refused: {Code} {Reason}")]
    private partial void LogObjectRejected(string kind, string resource, long version, int code, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Cloud error for {Parent}: {Code} {Reason}")]
    private partial void LogCloudError(string parent, int code, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Cloud will take outbox entry {Seq} later ({Code}: {Reason}); it stays queued")]
    private partial void LogUpstreamRetry(long seq, int code, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Cloud refused outbox entry {Seq} for good ({Code}: {Reason}); it is dropped")]
    private partial void LogUpstreamDropped(long seq, int code, string reason);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Service response to {RequestId} dropped: the session that asked is gone")]
    private partial void LogServiceResponseDropped(string requestId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Ignoring a second session.welcome ({Id})")]
    private partial void LogUnexpectedWelcome(string id);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Critical,
        Message = "Cloud link STOPPED: {Url} does not speak this agent's protocol {Protocol} (HTTP {HttpStatus}: {Reason}). The agent keeps serving its devices offline " +
            "and does not retry; upgrade the agent to a version the cloud speaks, then restart it")]
    private partial void LogVersionRefused(Uri url, string protocol, int? httpStatus, string reason);
}
