namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// The request whose turn is running, flowing with the async control flow of grain code, so calls the grain makes
/// inherit the call chain and a deadline no later than their parent's.
/// </summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<CallItem?> CurrentItem = new();

    /// <summary>The request being processed by the current grain code, or null outside grain turns.</summary>
    public static CallItem? Current
    {
        get => CurrentItem.Value;
        set => CurrentItem.Value = value;
    }
}
