namespace EdgeHive.Edge.Mqtt.Diagnostics;

/// <summary>The logger used when the host gives none.</summary>
internal sealed class NullMqttLogger : IMqttLogger
{
    public static readonly NullMqttLogger Instance = new();

    public bool IsEnabled(MqttLogLevel level) => false;

    public void Log(MqttLogLevel level, int eventId, string message, Exception? exception)
    {
    }
}
