namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>What the heartbeat does with one connection on one tick.</summary>
internal enum KeepAliveAction
{
    /// <summary>Nothing is due.</summary>
    None,

    /// <summary>Nothing was sent for the keepalive interval: send a keepalive.</summary>
    SendKeepAlive,

    /// <summary>Nothing was received for the dead-after interval: close with 4408.</summary>
    Dead,

    /// <summary>A close handshake outlived its deadline: abort the connection.</summary>
    Abort,
}
