using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>The default <see cref="IEdgeEventSink"/>: logs topic, size and sequence (never the payload).</summary>
internal sealed partial class LoggingEdgeEventSink(ILogger<LoggingEdgeEventSink> logger) : IEdgeEventSink
{
    public Task PublishAsync(string nodeName, string topic, ReadOnlyMemory<byte> payload, long sequence, CancellationToken cancellationToken)
    {
        LogEvent(logger, nodeName, topic, payload.Length, sequence);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Edge event from node {Node} on {Topic}: {Bytes} bytes, sequence {Sequence}")]
    private static partial void LogEvent(ILogger logger, string node, string topic, int bytes, long sequence);
}
