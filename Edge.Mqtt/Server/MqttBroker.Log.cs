using System.Net;
using EdgeHive.Edge.Mqtt.Diagnostics;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>Log entries of <see cref="MqttBroker"/> (event ids 200–299).</summary>
public sealed partial class MqttBroker
{
    private void LogStarted(IPEndPoint endPoint) =>
        _log.Log(MqttLogLevel.Information, 200, $"MQTT broker listening on {endPoint}", null);

    private void LogAcceptFailed(Exception ex) =>
        _log.Log(MqttLogLevel.Warning, 201, "MQTT accept failed", ex);

    private void LogHostHandlerFailed(string filter, Exception ex) =>
        _log.Log(MqttLogLevel.Error, 202, $"Host subscription '{filter}' handler failed", ex);
}
