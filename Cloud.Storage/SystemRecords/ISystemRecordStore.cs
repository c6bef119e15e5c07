using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Storage.SystemRecords;

/// <summary>
/// The cluster's system records — API tokens, join tokens, node credentials, portal users, data-protection keys — in
/// tables of their own (<c>system_record</c>, <c>system_record_index</c>), not in grain storage. The
/// rules are those of grain state: the "grain type" is the record kind, every write is conditional on the version read
/// (0: insert guarded by the key), a mismatch raises <c>InconsistentStateException</c> and writes nothing, and index
/// entries change in the same transaction. Obtain one from <see cref="SystemRecordStoreFactory"/>.
/// </summary>
public interface ISystemRecordStore : IGrainStateStore;
