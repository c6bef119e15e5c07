using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Storage.Tests.GrainState;

/// <summary>A small state with read-model entries: its zone and its tags.</summary>
public sealed class ZoneState : IIndexedState
{
    public int Value { get; set; }

    public string? Zone { get; set; }

    public List<string> Tags { get; set; } = [];

    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        if (Zone is not null)
        {
            yield return new IndexEntry("zone", Zone);
        }

        foreach (var tag in Tags)
        {
            yield return new IndexEntry("tag", tag);
        }
    }
}
