using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.DeviceTwin;

public sealed partial class DeviceTwinService
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "DeviceTwin failed to handle {Kind} on {Topic}")]
    private partial void LogRequestFailed(Exception exception, TopicKind kind, string topic);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Twin update of device {Device} rejected with {Code}: {Reason}")]
    private partial void LogTwinUpdateRejected(string device, int code, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Cloud twin update of device {Device} property {Property} rejected with {Code}: {Reason}")]
    private partial void LogCloudTwinRejected(string device, string? property, int code, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Membership of node {Node} changed: {Added} added or updated, {Removed} removed")]
    private partial void LogMembershipChanged(string node, int added, int removed);
}
