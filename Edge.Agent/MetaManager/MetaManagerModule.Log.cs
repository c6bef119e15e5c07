using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.MetaManager;

public sealed partial class MetaManagerModule
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Applied {MessageKind} to {Kind} {Key} at version {Version}")]
    private partial void LogApplied(string messageKind, string kind, string key, long version);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Ignored stale {MessageKind} for {Kind} {Key}: version {Version}, stored {Stored}")]
    private partial void LogStale(string messageKind, string kind, string key, long version, long stored);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Desired twin of {Key}: property {Property} refused ({Code}: {Reason})")]
    private partial void LogPropertyRejected(string key, string? property, int code, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "MetaManager failed on {Operation} {Resource}")]
    private partial void LogApplyFailed(Exception exception, string operation, string resource);
}
