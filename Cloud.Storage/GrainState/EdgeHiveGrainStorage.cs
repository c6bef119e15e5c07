using System.Globalization;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>
/// EdgeHive's Orleans grain-state provider: one row per grain state in <c>grain_state</c> and the state's read-model
/// entries (<see cref="IIndexedState"/>) in <c>grain_index</c>, written in ONE transaction, so a list never shows a
/// grain whose state write failed and a crash cannot leave the two apart.
/// <list type="bullet">
/// <item>The payload is plain JSON of the state's declared type (no .NET type names).</item>
/// <item>The ETag is the row's integer version. A state without an ETag inserts, guarded by the row's key; one with an
/// ETag updates <c>WHERE version = @expected</c>. Any mismatch writes nothing and throws Orleans'
/// <see cref="InconsistentStateException"/> (Orleans then deactivates the activation, whose next call reloads), so an
/// older activation of the same grain — on a frozen silo, say — cannot overwrite a newer state.</item>
/// <item>Clearing deletes the row and its entries under the same ETag check.</item>
/// </list>
/// </summary>
internal sealed class EdgeHiveGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly IGrainStateStore _store;
    private readonly JsonSerializerOptions _json;
    private readonly IActivatorProvider _activators;

    /// <summary>Creates the provider <paramref name="name"/> over <paramref name="store"/>; a cleared state becomes a
    /// fresh instance from <paramref name="activators"/>, as with Orleans' own providers.</summary>
    public EdgeHiveGrainStorage(string name, IGrainStateStore store, JsonSerializerOptions json, IActivatorProvider activators)
    {
        ArgumentNullException.ThrowIfNull(activators);
        _activators = activators;
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(json);
        _name = name;
        _store = store;
        _json = json;
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Loads the row: the state, its version as ETag, and whether it exists. Without a row the state keeps
    /// the fresh instance Orleans created.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var stored = await _store.ReadAsync(GrainStateRow.TypeOf(stateName, grainId), GrainStateRow.KeyOf(grainId), cancellationToken)
            .ConfigureAwait(false);
        if (stored is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        // A stored JSON null (nothing else deserialises to null) keeps the fresh state.
        if (JsonSerializer.Deserialize<T>(stored.Payload, _json) is { } state)
        {
            grainState.State = state;
        }

        grainState.ETag = GrainStateRules.ETag(stored.Version);
        grainState.RecordExists = true;
    }

    /// <summary>Writes the state and its read-model entries if the stored version is the state's ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored version is another (or a row exists when the state
    /// has no ETag); nothing was written.</exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = JsonSerializer.Serialize(grainState.State, _json);
        IReadOnlyList<IndexEntry> index = grainState.State is IIndexedState indexed ? [.. indexed.GetIndexEntries()] : [];
        var version = await _store.WriteAsync(
                GrainStateRow.TypeOf(stateName, grainId),
                GrainStateRow.KeyOf(grainId),
                payload,
                ExpectedVersion(grainState.ETag, stateName, grainId),
                index,
                cancellationToken)
            .ConfigureAwait(false);
        grainState.ETag = GrainStateRules.ETag(version);
        grainState.RecordExists = true;
    }

    /// <summary>Deletes the row and its read-model entries if the stored version is the state's ETag, and resets the
    /// state to a fresh instance.</summary>
    /// <exception cref="InconsistentStateException">The stored version is another; nothing was deleted.</exception>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await _store.ClearAsync(
                GrainStateRow.TypeOf(stateName, grainId),
                GrainStateRow.KeyOf(grainId),
                ExpectedVersion(grainState.ETag, stateName, grainId),
                cancellationToken)
            .ConfigureAwait(false);
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Creates the tables (idempotent; serialised between silos on PostgreSQL) before grains run.</summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            OptionFormattingUtilities.Name<EdgeHiveGrainStorage>(_name),
            ServiceLifecycleStage.ApplicationServices,
            ct => _store.InitializeAsync(ct));
    }

    // An ETag this provider did not hand out cannot match any stored version.
    private static long ExpectedVersion(string? etag, string stateName, GrainId grainId) =>
        etag is null ? 0
        : long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version
        : throw new InconsistentStateException(
            $"State {stateName} of grain {grainId} carries ETag '{etag}', which is not a version of this storage.", null, etag);
}
