namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>The operation needs a connection that is not there (never connected, lost, or disconnected).</summary>
public sealed class MqttNotConnectedException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public MqttNotConnectedException()
        : base("The MQTT client is not connected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttNotConnectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MqttNotConnectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
