namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// Implemented by a state class whose values should be queryable (for example a device's node, model and labels).
/// The entries are written in the same transaction as the payload and replace the previous ones.
/// </summary>
public interface IIndexedState
{
    /// <summary>The index entries of the current state. A name may occur several times (labels); duplicates of a
    /// whole entry are ignored.</summary>
    IEnumerable<IndexEntry> GetIndexEntries();
}
