namespace EdgeHive.Mqtt.Conformance.Tests.Wire;

/// <summary>
/// Thrown when bytes on the wire break MQTT 3.1.1 (bad remaining length, reserved flags, invalid UTF-8, wildcards in
/// a topic name, a packet over the size limit, a packet out of order). The connection that sent it is closed.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    /// <summary>Creates the exception with a description of the violation.</summary>
    public MqttProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a description and the underlying cause.</summary>
    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MqttProtocolException()
        : base("MQTT protocol violation.")
    {
    }
}
