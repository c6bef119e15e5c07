using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Storage.SystemRecords;

/// <summary><see cref="ISystemRecordStore"/> on the cluster database. Creating the schema also moves the system
/// records an earlier EdgeHive kept in <c>grain_state</c> (kinds <c>sys.*</c>, <c>portaluser</c>,
/// <c>dataprotectionkey</c>) into the new tables, in one transaction, so upgraded clusters keep their tokens, users and
/// sign-in keys; a record already in the new tables wins.</summary>
internal sealed class SqlSystemRecordStore(SqlDialect dialect, string serviceId, TimeProvider timeProvider) : ISystemRecordStore
{
    private const string MovedKinds = "grain_type LIKE 'sys.%' OR grain_type IN ('portaluser', 'dataprotectionkey')";

    private readonly SqlGrainStateStore _records = new(dialect, serviceId, timeProvider, StateTables.System);
    private readonly SqlGrainStateStore _grains = new(dialect, serviceId, timeProvider, StateTables.Grains);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _records.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _grains.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await dialect.EnsureSchemaAsync(SchemaLock.KeyOf("edgehive.system_record.upgrade"), MoveFromGrainState, cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<StoredGrainState?> ReadAsync(string grainType, string key, CancellationToken cancellationToken) =>
        _records.ReadAsync(grainType, key, cancellationToken);

    public Task<long> WriteAsync(string grainType, string key, string payload, long expectedVersion, IReadOnlyList<IndexEntry> index, CancellationToken cancellationToken) =>
        _records.WriteAsync(grainType, key, payload, expectedVersion, index, cancellationToken);

    public Task ClearAsync(string grainType, string key, long expectedVersion, CancellationToken cancellationToken) =>
        _records.ClearAsync(grainType, key, expectedVersion, cancellationToken);

    public Task<GrainQueryPage> QueryAsync(GrainQuery query, CancellationToken cancellationToken) =>
        _records.QueryAsync(query, cancellationToken);

    // "WHERE" before ON CONFLICT is required by SQLite's grammar for INSERT … SELECT; every service's rows move.
    private static readonly string MoveFromGrainState = $"""
        INSERT INTO system_record (service_id, grain_type, grain_key, version, payload, updated_at)
            SELECT service_id, grain_type, grain_key, version, payload, updated_at FROM grain_state WHERE {MovedKinds}
            ON CONFLICT DO NOTHING;
        INSERT INTO system_record_index (service_id, grain_type, grain_key, name, value)
            SELECT service_id, grain_type, grain_key, name, value FROM grain_index WHERE {MovedKinds}
            ON CONFLICT DO NOTHING;
        DELETE FROM grain_index WHERE {MovedKinds};
        DELETE FROM grain_state WHERE {MovedKinds};
        """;
}
