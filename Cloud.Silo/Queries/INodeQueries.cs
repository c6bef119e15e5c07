using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Node lists over the nodes' index entries. Status is the stored one, which each online node's grain keeps
/// current; <see cref="IEdgeNodeGrain.Get"/> derives it at the moment of reading.</summary>
public interface INodeQueries
{
    /// <summary>One page of nodes.</summary>
    /// <exception cref="ArgumentException">A malformed cursor, a limit below 1, or a bad label selector (HTTP 400).</exception>
    Task<Page<EdgeNode>> ListAsync(NodeListQuery query, CancellationToken cancellationToken);
}
