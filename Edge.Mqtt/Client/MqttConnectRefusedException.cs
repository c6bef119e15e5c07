namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>The broker answered CONNECT with a non-zero return code.</summary>
public sealed class MqttConnectRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="returnCode"/>.</summary>
    public MqttConnectRefusedException(MqttConnectReturnCode returnCode)
        : base($"The MQTT broker refused the connection: {returnCode}.")
    {
        ReturnCode = returnCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MqttConnectRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MqttConnectRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MqttConnectRefusedException()
        : base("The MQTT broker refused the connection.")
    {
    }

    /// <summary>The CONNACK return code.</summary>
    public MqttConnectReturnCode ReturnCode { get; }
}
