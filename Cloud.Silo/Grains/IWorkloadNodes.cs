using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>What a workload grain needs of the nodes: which nodes a label selector matches (from the read model, never a
/// fan-out to node grains) and the way into a node's reliable downstream (its session grain's outbox).</summary>
internal interface IWorkloadNodes
{
    /// <summary>Names of the nodes whose labels include every entry of <paramref name="selector"/>, sorted.</summary>
    Task<IReadOnlyList<string>> MatchAsync(IReadOnlyDictionary<string, string> selector, CancellationToken cancellationToken);

    /// <summary>Adds messages to <paramref name="node"/>'s durable outbox (<see cref="INodeSessionGrain.Push"/>).
    /// Returns once they are persisted; throws when they are not.</summary>
    Task PushAsync(string node, IReadOnlyList<DownstreamMessage> messages);
}
