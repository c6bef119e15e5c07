namespace EdgeHive.Edge.Protocol;

/// <summary>HTTP-like codes of <see cref="ErrorResult"/> and <see cref="ProtocolError"/>, as in KubeEdge's error results.</summary>
public static class ErrorCodes
{
    /// <summary>Malformed frame or message: not JSON, a required field missing, an unknown kind, a wrong direction.</summary>
    public const int BadRequest = 400;

    /// <summary>No valid credential.</summary>
    public const int Unauthorized = 401;

    /// <summary>The credential does not allow this (for example another node's device).</summary>
    public const int Forbidden = 403;

    /// <summary>The object the message refers to does not exist.</summary>
    public const int NotFound = 404;

    /// <summary>The message conflicts with newer state (for example a stale version).</summary>
    public const int Conflict = 409;

    /// <summary>Frame, batch or payload larger than allowed.</summary>
    public const int PayloadTooLarge = 413;

    /// <summary>The sender exceeded its rate limit.</summary>
    public const int TooManyRequests = 429;

    /// <summary>The receiver failed while handling the message; resending may succeed.</summary>
    public const int InternalError = 500;

    /// <summary>
    /// True for codes after which the same message may succeed later (429, 500, and codes this version does not know):
    /// the sender keeps it pending. Any other code rejects the message for good: the sender drops it instead of
    /// resending a poison message forever.
    /// </summary>
    public static bool IsTransient(int code) =>
        code is not (BadRequest or Unauthorized or Forbidden or NotFound or Conflict or PayloadTooLarge);
}
