namespace EdgeHive.Grains.Cloud;

/// <summary>The state of a node's session grain.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Epoch">The current (or last) epoch; 0 if no connection ever attached.</param>
/// <param name="Silo">The silo holding the current connection, or null when detached.</param>
/// <param name="Attached">True while a connection is attached.</param>
/// <param name="Since">When the current connection attached, or the last one detached.</param>
public sealed record NodeSessionInfo(string NodeName, long Epoch, string? Silo, bool Attached, DateTimeOffset? Since);
