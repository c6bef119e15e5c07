namespace EdgeHive.Edge.Agent.Storage;

/// <summary>A cloud object cached on the edge (MetaManager's <c>meta</c> table).</summary>
/// <param name="Kind">Object kind (e.g. <c>device</c>, <c>devicemodel</c>, <c>configmap</c>).</param>
/// <param name="Key">Object key, usually <c>{namespace}/{name}</c>.</param>
/// <param name="ResourceVersion">The cloud's resource version of this content.</param>
/// <param name="Content">JSON content.</param>
public sealed record MetaObject(string Kind, string Key, string ResourceVersion, string Content);
