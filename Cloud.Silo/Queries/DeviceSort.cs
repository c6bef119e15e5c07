namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Sort columns of a device list; ties break by key (<c>{namespace}/{name}</c>).</summary>
public enum DeviceSort
{
    /// <summary>By name.</summary>
    Name,

    /// <summary>By node name; unbound devices last.</summary>
    Node,

    /// <summary>By model name.</summary>
    Model,

    /// <summary>By state word.</summary>
    State,
}
