using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.DeviceTwin;

public sealed partial class DeviceTwinService
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "DeviceTwin failed to handle {Kind} on {Topic}")]
    private partial void LogRequestFailed(Exception exception, TopicKind kind, string topic);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Twin update of device {Device} rejected with {Code}: {Reason}")]
    private partial void LogTwinUpdateRejected(string device, int code, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Cloud twin update of device {Device} property {Property} rejected with {Code}: {Reason}")]
    private partial void LogCloudTwinRejected(string device, string? property, int code, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Membership of node {Node} changed: {Added} added or updated, {Removed} removed")]
    private partial void LogMembershipChanged(string node, int added, int removed);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Upload on {Topic} ({Bytes} bytes) refused with 413 and not queued: {Reason}")]
    private partial void LogUploadRefused(string topic, int bytes, string reason);
}
