using System.Collections.Concurrent;
using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// This silo's view of the grain directory: the database store (the truth) plus a cache of addresses seen. The cache
/// is only a hint: a message sent to a stale address is forwarded or answered with NotHere, and the entry dropped.
/// </summary>
internal sealed class LocalGrainDirectory(IGrainDirectoryStore store, ISiloStatusOracle oracle)
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _cache = new();

    /// <summary>
    /// Registers an activation. First writer wins; a row left by a dead silo, or by an activation of this silo that no
    /// longer exists (<paramref name="isStaleLocal"/>), is removed and the registration retried.
    /// </summary>
    public async Task<GrainAddress> RegisterAsync(GrainAddress address, Func<GrainAddress, bool> isStaleLocal, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var winner = await store.RegisterAsync(address, cancellationToken).ConfigureAwait(false);
            var stale = winner.ActivationId != address.ActivationId &&
                        (oracle.IsDead(winner.Silo) || (winner.Silo == oracle.Self && isStaleLocal(winner)));
            if (!stale || attempt >= 5)
            {
                _cache[address.GrainId] = winner;
                return winner;
            }

            await store.UnregisterAsync(winner, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The grain's address from the cache or the store, ignoring rows of dead silos.</summary>
    public async ValueTask<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(grainId, out var cached) && !oracle.IsDead(cached.Silo))
        {
            return cached;
        }

        var found = await store.LookupAsync(grainId, cancellationToken).ConfigureAwait(false);
        if (found is null || oracle.IsDead(found.Silo))
        {
            _cache.TryRemove(grainId, out _);
            return null;
        }

        _cache[grainId] = found;
        return found;
    }

    /// <summary>A cached address, if any (no database access).</summary>
    public GrainAddress? TryGetCached(GrainId grainId) =>
        _cache.TryGetValue(grainId, out var cached) && !oracle.IsDead(cached.Silo) ? cached : null;

    /// <summary>Removes an activation's row (only if it still names that activation) and its cache entry.</summary>
    public async Task UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        Invalidate(address);
        await store.UnregisterAsync(address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops a cache entry if it still is <paramref name="address"/>.</summary>
    public void Invalidate(GrainAddress address) =>
        _cache.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));

    /// <summary>Drops the cache entry of a grain.</summary>
    public void Invalidate(GrainId grainId) => _cache.TryRemove(grainId, out _);

    /// <summary>Forgets everything on a dead silo and deletes its rows (idempotent; every silo may do it).</summary>
    public async Task OnSiloDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        foreach (var entry in _cache)
        {
            if (entry.Value.Silo == silo)
            {
                _cache.TryRemove(entry);
            }
        }

        await store.UnregisterSiloAsync(silo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cached entries (for metrics).</summary>
    public int CacheCount => _cache.Count;
}
