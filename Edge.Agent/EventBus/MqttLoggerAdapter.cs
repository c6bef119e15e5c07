using EdgeHive.Edge.Mqtt.Diagnostics;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus;

/// <summary>Routes Edge.Mqtt's logging seam into Microsoft.Extensions.Logging, keeping its stable event ids.</summary>
internal sealed class MqttLoggerAdapter(ILogger logger) : IMqttLogger
{
    public bool IsEnabled(MqttLogLevel level) => logger.IsEnabled(Map(level));

    public void Log(MqttLogLevel level, int eventId, string message, Exception? exception)
    {
        // The message is already formatted by Edge.Mqtt (ids only, never payloads), so it is passed as the template argument.
#pragma warning disable CA2254 // Template should be a static expression
        logger.Log(Map(level), new EventId(eventId), exception, "{MqttMessage}", message);
#pragma warning restore CA2254
    }

    private static LogLevel Map(MqttLogLevel level) => level switch
    {
        MqttLogLevel.Debug => LogLevel.Debug,
        MqttLogLevel.Information => LogLevel.Information,
        MqttLogLevel.Warning => LogLevel.Warning,
        _ => LogLevel.Error,
    };
}
