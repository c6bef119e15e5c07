using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;
using OrleansGrainFactory = Orleans.IGrainFactory;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>The nodes as the workload grains see them: label matches from the node list's read model, pushes through
/// the node's session grain.</summary>
internal sealed class WorkloadNodes(OrleansGrainFactory grains, INodeQueries nodes) : IWorkloadNodes
{
    /// <summary>The most nodes one selector may place a workload on.</summary>
    public const int MaxMatches = 10_000;

    public async Task<IReadOnlyList<string>> MatchAsync(IReadOnlyDictionary<string, string> selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var labels = selector.Select(p => p.Key + "=" + p.Value).ToArray();
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = await nodes.ListAsync(
                new NodeListQuery { Labels = labels, Limit = ListLimits.MaxLimit, Cursor = cursor, IncludeTotal = false },
                cancellationToken).ConfigureAwait(false);
            names.AddRange(page.Items.Select(n => n.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null && names.Count < MaxMatches);

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Pushes through the node's session grain (Orleans): persisted in its outbox, delivered to the node's
    /// connection, resent until acknowledged.</summary>
    public Task PushAsync(string node, IReadOnlyList<DownstreamMessage> messages) =>
        grains.GetGrain<INodeSessionGrain>(node).Push(messages);
}
