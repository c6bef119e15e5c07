using System.Collections.Concurrent;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>
/// The nodes of the workload grain tests on the Orleans cluster, which has no node or session grains: node labels the
/// test sets, and every push recorded per node. A node in <see cref="Failing"/> refuses pushes, as a session grain on a
/// dead silo would. The gateway and end-to-end tests run the real <see cref="WorkloadNodes"/>.
/// </summary>
internal sealed class TestWorkloadNodes : IWorkloadNodes
{
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Labels { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ConcurrentQueue<DownstreamMessage>> Pushed { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Failing { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> MatchAsync(IReadOnlyDictionary<string, string> selector, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names = Labels
            .Where(n => selector.All(s => n.Value.TryGetValue(s.Key, out var v) && v == s.Value))
            .Select(n => n.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(names);
    }

    public Task PushAsync(string node, IReadOnlyList<DownstreamMessage> messages)
    {
        if (Failing.ContainsKey(node))
        {
            throw new InvalidOperationException($"session of {node} unreachable");
        }

        var queue = Pushed.GetOrAdd(node, _ => new ConcurrentQueue<DownstreamMessage>());
        foreach (var message in messages)
        {
            queue.Enqueue(message);
        }

        return Task.CompletedTask;
    }

    /// <summary>Messages pushed to <paramref name="node"/> about <paramref name="key"/>, in order.</summary>
    public IReadOnlyList<DownstreamMessage> To(string node, string key) =>
        Pushed.TryGetValue(node, out var queue) ? queue.Where(m => m.ObjectKey == key).ToArray() : [];
}
