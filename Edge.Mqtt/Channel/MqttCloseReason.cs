namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>Why a connection ended; the first reason recorded wins.</summary>
internal enum MqttCloseReason
{
    /// <summary>Closed on purpose by this side (after DISCONNECT, on dispose).</summary>
    Normal,

    /// <summary>The peer closed the transport.</summary>
    PeerClosed,

    /// <summary>The peer sent a malformed or out-of-order packet.</summary>
    ProtocolError,

    /// <summary>The transport failed (reset, I/O error).</summary>
    TransportError,

    /// <summary>Nothing was received for 1.5 × the keepalive.</summary>
    KeepAliveTimeout,

    /// <summary>Another connection took over the session (same client id).</summary>
    TakenOver,

    /// <summary>The CONNECT was refused or did not arrive in time.</summary>
    Refused,

    /// <summary>The outbound queue was full: the peer reads too slowly.</summary>
    SlowConsumer,

    /// <summary>The server or client is shutting down.</summary>
    Shutdown,
}
