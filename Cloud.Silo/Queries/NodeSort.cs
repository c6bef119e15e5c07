namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Sort columns of a node list; ties break by name.</summary>
public enum NodeSort
{
    /// <summary>By name.</summary>
    Name,

    /// <summary>By status word.</summary>
    Status,
}
