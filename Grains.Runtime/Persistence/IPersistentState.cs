using Orleans.Storage;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>
/// A grain's persistent state: the value in memory plus the version it was read or last written at. Writes are
/// optimistic — a write based on a stale version fails with <see cref="InconsistentStateException"/> and the
/// activation is deactivated so the next call reloads the stored state.
/// </summary>
/// <typeparam name="TState">The state, serialised as JSON. Implement <see cref="IIndexedState"/> to make some of its
/// values filterable and sortable in grain queries.</typeparam>
public interface IPersistentState<TState>
    where TState : class, new()
{
    /// <summary>The state in memory; a new <typeparamref name="TState"/> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version as a string, or null when there is no stored row.</summary>
    string? Etag { get; }

    /// <summary>Whether a stored row exists (as of the last read, write or clear).</summary>
    bool RecordExists { get; }

    /// <summary>Loads the stored state, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <see cref="State"/> and its index entries if the stored version is still <see cref="Etag"/>.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the state since it was read.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored state if its version is still <see cref="Etag"/> and resets
    /// <see cref="State"/> to a new <typeparamref name="TState"/>.</summary>
    /// <exception cref="InconsistentStateException">Another writer changed the state since it was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
