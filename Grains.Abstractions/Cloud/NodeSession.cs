namespace EdgeHive.Grains.Cloud;

/// <summary>Which silo holds a node's WebSocket, as the node grain last heard from the session grain.</summary>
/// <param name="Silo">The owning silo's address, or null if none ever attached.</param>
/// <param name="Epoch">The session epoch; every new connection gets a higher one.</param>
/// <param name="Attached">True while that connection is open.</param>
/// <param name="Since">When the session attached or detached.</param>
public sealed record NodeSession(string? Silo, long Epoch, bool Attached, DateTimeOffset? Since)
{
    /// <summary>A node that never connected.</summary>
    public static NodeSession None { get; } = new(null, 0, false, null);
}
