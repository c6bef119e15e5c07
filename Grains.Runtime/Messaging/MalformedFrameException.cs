namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// A frame that cannot be decoded: unknown kind or field bits, a truncated header, a length that points past the
/// frame, invalid UTF-8, bytes left over in the header. The stream is out of step, so the connection must close.
/// </summary>
internal sealed class MalformedFrameException : Exception
{
    /// <summary>Creates the exception with a description of what was wrong.</summary>
    public MalformedFrameException(string message)
        : base("Malformed frame: " + message)
    {
    }
}
