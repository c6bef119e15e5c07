namespace EdgeHive.Edge.Agent.Bus;

/// <summary>Content of <see cref="LinkEvents"/>: whether the cloud link is up, and to which URL.</summary>
/// <param name="Connected">True when a session is established.</param>
/// <param name="CloudUrl">The cloud URL of the session, or the last one tried.</param>
/// <param name="Reason">Why the link went down, or null.</param>
public sealed record LinkState(bool Connected, string? CloudUrl, string? Reason);
