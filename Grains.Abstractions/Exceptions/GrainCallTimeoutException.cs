namespace EdgeHive.Grains;

/// <summary>A grain call did not complete before its deadline. The message names the grain, the method and the
/// call chain that led to it, so a call cycle (A → B → A) is visible in the error.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException()
    {
    }

    public GrainCallTimeoutException(string message) : base(message)
    {
    }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
