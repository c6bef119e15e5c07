namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>Where the one-time bootstrap token is printed: the process console, or a writer a test supplies.</summary>
internal sealed class ConsoleOutput
{
    /// <summary>The writer; <see cref="Console.Out"/> unless replaced.</summary>
    public TextWriter Writer { get; init; } = Console.Out;
}
