using Orleans.Storage;
using System.Text.Json;

using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// <see cref="IPersistentState{TState}"/> over an <see cref="IGrainStateStore"/>: JSON payload, version as ETag. Not
/// thread-safe; an activation's turns are serialised by the runtime.
/// </summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>
    where TState : class, new()
{
    private readonly IGrainStateStore _storage;
    private readonly string _grainType;
    private readonly string _key;
    private readonly JsonSerializerOptions _options;
    private readonly Action<Exception> _onInconsistentState;
    private TState _state = new();
    private long _version;

    /// <param name="storage">Where the state is stored.</param>
    /// <param name="grainType">The grain type (row key).</param>
    /// <param name="key">The grain key (row key).</param>
    /// <param name="options">JSON options for the payload.</param>
    /// <param name="onInconsistentState">Called before a version conflict is rethrown; the runtime deactivates the
    /// activation there, because its in-memory state can no longer be trusted.</param>
    public PersistentState(
        IGrainStateStore storage,
        string grainType,
        string key,
        JsonSerializerOptions options,
        Action<Exception> onInconsistentState)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onInconsistentState);
        _storage = storage;
        _grainType = grainType;
        _key = key;
        _options = options;
        _onInconsistentState = onInconsistentState;
    }

    /// <inheritdoc />
    public TState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc />
    public string? Etag => GrainStateRules.ETag(_version);

    /// <inheritdoc />
    public bool RecordExists => _version != 0;

    /// <inheritdoc />
    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadAsync(_grainType, _key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _state = new TState();
            _version = 0;
            return;
        }

        // A stored JSON null (nothing else deserialises to null) is treated as an empty state.
        _state = JsonSerializer.Deserialize<TState>(stored.Payload, _options) ?? new TState();
        _version = stored.Version;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.Serialize(_state, _options);
        IReadOnlyList<IndexEntry> index = _state is IIndexedState indexed ? [.. indexed.GetIndexEntries()] : [];
        try
        {
            _version = await _storage.WriteAsync(_grainType, _key, payload, _version, index, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InconsistentStateException ex)
        {
            _onInconsistentState(ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _storage.ClearAsync(_grainType, _key, _version, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException ex)
        {
            _onInconsistentState(ex);
            throw;
        }

        _version = 0;
        _state = new TState();
    }
}
