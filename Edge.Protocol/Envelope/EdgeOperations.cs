namespace EdgeHive.Edge.Protocol;

/// <summary>Route operations.</summary>
public static class EdgeOperations
{
    /// <summary>An object appears (for example a device bound to the node).</summary>
    public const string Insert = "insert";

    /// <summary>An object is created or replaced with a newer version.</summary>
    public const string Update = "update";

    /// <summary>An object is removed.</summary>
    public const string Delete = "delete";

    /// <summary>A request for data; answered by a <see cref="Response"/>.</summary>
    public const string Query = "query";

    /// <summary>The answer to a synchronous request.</summary>
    public const string Response = "response";

    /// <summary>The receiver persisted the parent message.</summary>
    public const string Ack = "ack";

    /// <summary>The receiver rejected the parent message, or the session has a problem (a negative acknowledgement).</summary>
    public const string Error = "error";

    /// <summary>Liveness signal while nothing else is sent.</summary>
    public const string KeepAlive = "keepalive";

    /// <summary>Upstream report or event.</summary>
    public const string Upload = "upload";

    /// <summary>The session is established.</summary>
    public const string Welcome = "welcome";
}
