namespace EdgeHive.Edge.Mqtt.Diagnostics;

/// <summary>Severity of an <see cref="IMqttLogger"/> entry; maps one-to-one onto Microsoft.Extensions.Logging levels.</summary>
public enum MqttLogLevel
{
    /// <summary>Per-packet and per-connection detail.</summary>
    Debug = 1,

    /// <summary>Connection lifecycle.</summary>
    Information = 2,

    /// <summary>A peer misbehaved or a limit was hit.</summary>
    Warning = 3,

    /// <summary>Something failed that should not have.</summary>
    Error = 4,
}
