using EdgeHive.Edge.Mqtt.Diagnostics;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>Log entries of <see cref="MqttChannel"/> (event ids 100–199).</summary>
internal sealed partial class MqttChannel
{
    private void LogClosing(MqttCloseReason reason, string? detail)
    {
        var level = reason is MqttCloseReason.Normal or MqttCloseReason.PeerClosed ? MqttLogLevel.Debug : MqttLogLevel.Information;
        if (_log.IsEnabled(level))
        {
            _log.Log(level, 100, $"Connection {RemoteEndPoint} closing: {reason}{(detail is null ? "" : " (" + detail + ")")}", null);
        }
    }

    private void LogHandlerFailed(Exception ex) =>
        _log.Log(MqttLogLevel.Error, 101, $"Connection {RemoteEndPoint}: unexpected failure", ex);
}
