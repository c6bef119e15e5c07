namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>The outcome of the pure twin rules for one update: the changes to store, and what was refused.</summary>
/// <param name="Changes">Properties to write, in request order.</param>
/// <param name="Rejections">Refused properties. For updates from devices any rejection refuses the whole update and
/// <paramref name="Changes"/> is empty; cloud updates are applied per property, as KubeEdge does.</param>
/// <param name="Skipped">Cloud properties not applied because the edge holds a change the cloud has not seen yet.</param>
public sealed record TwinDecision(IReadOnlyList<TwinChange> Changes, IReadOnlyList<TwinRejection> Rejections, IReadOnlyList<string> Skipped)
{
    /// <summary>A decision that refuses the whole request.</summary>
    public static TwinDecision Fail(string? property, int code, string reason) => new([], [new TwinRejection(property, code, reason)], []);
}
