using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>A record state declaring index entries, like a device grain's: node, model and one entry per label.</summary>
public sealed record TestDeviceState : IIndexedState
{
    public string Node { get; init; } = "";

    public string? Model { get; init; }

    public string Labels { get; init; } = "";

    public int Reported { get; init; }

    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        yield return new IndexEntry("node", Node);
        if (Model is not null)
        {
            yield return new IndexEntry("model", Model);
        }

        foreach (var label in Labels.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return new IndexEntry("label", label);
        }
    }
}
