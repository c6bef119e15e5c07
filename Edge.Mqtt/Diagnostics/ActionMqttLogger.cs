namespace EdgeHive.Edge.Mqtt.Diagnostics;

/// <summary>Adapts a plain callback (a test's output helper, a console) to <see cref="IMqttLogger"/>.</summary>
public sealed class ActionMqttLogger : IMqttLogger
{
    private readonly Action<string> _write;
    private readonly MqttLogLevel _minimum;

    /// <summary>Writes entries at or above <paramref name="minimum"/> as one line each to <paramref name="write"/>.</summary>
    public ActionMqttLogger(Action<string> write, MqttLogLevel minimum = MqttLogLevel.Information)
    {
        _write = write;
        _minimum = minimum;
    }

    /// <inheritdoc />
    public bool IsEnabled(MqttLogLevel level) => level >= _minimum;

    /// <inheritdoc />
    public void Log(MqttLogLevel level, int eventId, string message, Exception? exception)
    {
        if (IsEnabled(level))
        {
            _write(exception is null ? $"[{level} {eventId}] {message}" : $"[{level} {eventId}] {message}: {exception.Message}");
        }
    }
}
