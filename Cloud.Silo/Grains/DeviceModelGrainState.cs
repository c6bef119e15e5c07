using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of a device-model grain. A deleted model stays as a tombstone (null <see cref="Model"/>) so
/// that resource versions keep growing if it is created again. Indexed by <c>namespace</c> and <c>name</c>.</summary>
internal sealed class DeviceModelGrainState : IIndexedState
{
    /// <summary>The model, or null when it does not exist (never created, or deleted).</summary>
    public DeviceModel? Model { get; set; }

    /// <summary>The last resource version used, kept across deletion.</summary>
    public long LastVersion { get; set; }

    /// <summary>Keys of the devices that use the model.</summary>
    public SortedSet<string> Users { get; set; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        if (Model is not { } model)
        {
            yield break;
        }

        yield return new IndexEntry("namespace", model.Namespace);
        yield return new IndexEntry("name", model.Name);
    }
}
