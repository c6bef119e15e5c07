using MQTTnet.Diagnostics.Logger;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// Routes MQTTnet's log into Microsoft.Extensions.Logging. MQTTnet logs per connection (a misbehaving device makes
/// "errors"), so its levels are lowered by one: a client's fault never becomes an error of the agent.
/// </summary>
internal sealed class MqttNetLogger(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Debug);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Verbose => LogLevel.Trace,
            MqttNetLogLevel.Info => LogLevel.Debug,
            MqttNetLogLevel.Warning => LogLevel.Debug,
            _ => LogLevel.Information,
        };
        if (!logger.IsEnabled(mapped))
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parameters) : message;
#pragma warning disable CA2254 // MQTTnet formats its own messages; they are passed as the template argument.
        logger.Log(mapped, new EventId(6300), exception, "{Source}: {MqttMessage}", source, text);
#pragma warning restore CA2254
    }
}
