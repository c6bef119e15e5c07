namespace EdgeHive.Grains;

/// <summary>A grain call failed on another silo with an exception type this process cannot recreate, or could not
/// be delivered at all (no silo reachable, message rejected). <see cref="RemoteExceptionType"/> names the original.</summary>
public sealed class GrainCallFailedException : Exception
{
    public GrainCallFailedException()
    {
    }

    public GrainCallFailedException(string message) : base(message)
    {
    }

    public GrainCallFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Full name of the exception type thrown remotely, if the failure happened inside a grain.</summary>
    public string? RemoteExceptionType { get; init; }

    /// <summary>Stack trace captured where the exception was thrown.</summary>
    public string? RemoteStackTrace { get; init; }
}
