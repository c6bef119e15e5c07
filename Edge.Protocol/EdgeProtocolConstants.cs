namespace EdgeHive.Edge.Protocol;

/// <summary>Fixed facts of protocol version 1: where to connect and which WebSocket subprotocol names it.</summary>
public static class EdgeProtocolConstants
{
    /// <summary>The protocol version this assembly speaks.</summary>
    public const string Version = "v1";

    /// <summary>WebSocket subprotocol (<c>Sec-WebSocket-Protocol</c>) that selects this version.</summary>
    public const string SubProtocol = "edgehive.v1";

    /// <summary>Path of the cloud's WebSocket endpoint.</summary>
    public const string ConnectPath = "/edge/v1/connect";

    /// <summary>
    /// Upgrade request header naming the node. Required with a join token (it names the node to register); with a
    /// node credential it must match the node the credential was issued to.
    /// </summary>
    public const string NodeNameHeader = "X-EdgeHive-Node";

    /// <summary>Scheme of the upgrade's <c>Authorization</c> header; the value is a node credential or a join token.</summary>
    public const string AuthorizationScheme = "Bearer";

    /// <summary>Route source used by the cloud gateway.</summary>
    public const string CloudSource = "cloud";

    /// <summary>Route source used by the edge agent's hub.</summary>
    public const string EdgeSource = "edge";
}
