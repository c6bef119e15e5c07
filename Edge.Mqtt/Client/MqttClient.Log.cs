using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Diagnostics;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>Log entries of <see cref="MqttClient"/> (event ids 300–399).</summary>
public sealed partial class MqttClient
{
    private void LogConnected(bool sessionPresent) =>
        _log.Log(MqttLogLevel.Information, 300, $"MQTT client {_options.ClientId} connected to {_options.Host}:{_options.Port} (session present: {sessionPresent})", null);

    private void LogConnectionLost(MqttCloseReason reason, string? detail) =>
        _log.Log(MqttLogLevel.Information, 301, $"MQTT client {_options.ClientId} connection ended: {reason} {detail}", null);

    private void LogReconnectFailed(int attempt, Exception ex) =>
        _log.Log(MqttLogLevel.Warning, 302, $"MQTT client {_options.ClientId} reconnect attempt {attempt + 1} failed", ex);

    private void LogHandlerFailed(string topic, Exception ex) =>
        _log.Log(MqttLogLevel.Error, 303, $"MQTT client {_options.ClientId} message handler failed for topic {topic}", ex);
}
