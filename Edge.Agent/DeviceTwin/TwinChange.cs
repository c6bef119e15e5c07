using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>One property changed by a twin decision.</summary>
/// <param name="Before">The stored property before the change; null when it did not exist (or was deleted).</param>
/// <param name="After">The property to store.</param>
public sealed record TwinChange(TwinProperty? Before, TwinProperty After);
