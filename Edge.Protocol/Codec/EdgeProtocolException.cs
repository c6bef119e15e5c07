namespace EdgeHive.Edge.Protocol;

/// <summary>A protocol rule was broken on the writing side (for example a message too large for any frame).</summary>
public sealed class EdgeProtocolException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public EdgeProtocolException(ProtocolError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The broken rule.</summary>
    public ProtocolError Error { get; }
}
