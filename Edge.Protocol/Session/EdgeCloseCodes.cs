namespace EdgeHive.Edge.Protocol;

/// <summary>
/// WebSocket close codes of the protocol. 4000–4999 is the range RFC 6455 leaves to applications; the last three digits
/// mirror the HTTP-like <see cref="ErrorCodes"/> so a log line reads the same on both sides.
/// </summary>
public static class EdgeCloseCodes
{
    /// <summary>Normal closure (RFC 6455), for example the agent stopping.</summary>
    public const int Normal = 1000;

    /// <summary>Going away (RFC 6455): the silo shuts down; reconnect, preferably to another cloud URL.</summary>
    public const int GoingAway = 1001;

    /// <summary>Internal error (RFC 6455): the cloud failed; reconnect with backoff.</summary>
    public const int InternalError = 1011;

    /// <summary>A frame could not be read (not JSON, missing field, unknown kind, wrong direction).</summary>
    public const int Malformed = 4400;

    /// <summary>No valid credential on the upgrade, or the credential was revoked.</summary>
    public const int Unauthorized = 4401;

    /// <summary>The credential does not allow what the peer attempted.</summary>
    public const int Forbidden = 4403;

    /// <summary>Nothing was received for the keepalive timeout.</summary>
    public const int KeepAliveTimeout = 4408;

    /// <summary>A newer session of the same node (a greater epoch, possibly on another silo) replaced this one.</summary>
    public const int Superseded = 4409;

    /// <summary>A frame or batch exceeded the size limits.</summary>
    public const int FrameTooLarge = 4413;

    /// <summary>The client offered no subprotocol this server speaks.</summary>
    public const int UnsupportedVersion = 4426;

    /// <summary>The node exceeded its message rate limit.</summary>
    public const int RateLimited = 4429;

    /// <summary>Maps an <see cref="ErrorCodes"/> value to the close code that ends a session for it.</summary>
    public static int FromErrorCode(int errorCode) => errorCode switch
    {
        ErrorCodes.BadRequest => Malformed,
        ErrorCodes.Unauthorized => Unauthorized,
        ErrorCodes.Forbidden => Forbidden,
        ErrorCodes.Conflict => Superseded,
        ErrorCodes.PayloadTooLarge => FrameTooLarge,
        ErrorCodes.TooManyRequests => RateLimited,
        _ => InternalError,
    };

    /// <summary>
    /// True when reconnecting cannot succeed until an operator acts (bad or revoked credential, no common version):
    /// the agent still retries, but at the backoff ceiling, so a fixed cloud picks it up without a flood of attempts.
    /// </summary>
    public static bool IsPermanent(int closeCode) =>
        closeCode is Unauthorized or Forbidden or UnsupportedVersion;

    /// <summary>A short fixed description of a close code.</summary>
    public static string Describe(int closeCode) => closeCode switch
    {
        Normal => "normal closure",
        GoingAway => "going away",
        InternalError => "internal error",
        Malformed => "malformed message",
        Unauthorized => "unauthorized",
        Forbidden => "forbidden",
        KeepAliveTimeout => "keepalive timeout",
        Superseded => "superseded by a newer session",
        FrameTooLarge => "frame too large",
        UnsupportedVersion => "unsupported protocol version",
        RateLimited => "rate limited",
        _ => "closed",
    };
}
