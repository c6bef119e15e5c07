using System.Collections.Concurrent;

namespace EdgeHive.Grains.Runtime.GrainDirectory;

/// <summary>
/// <see cref="IGrainDirectoryStore"/> in process memory, for tests and single-process clusters. Same rules as the
/// database stores: first writer wins, removal only of the exact activation.
/// </summary>
internal sealed class InMemoryGrainDirectoryStore : IGrainDirectoryStore
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _rows = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Task.FromResult(_rows.GetOrAdd(address.GrainId, address));
    }

    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(grainId, out var address) ? address : null);

    public Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);

        // Remove the exact stored pair, so a row replaced between the read and the removal is left alone.
        var removed = _rows.TryGetValue(address.GrainId, out var stored)
            && stored.ActivationId == address.ActivationId
            && _rows.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, stored));
        return Task.FromResult(removed);
    }

    public Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var count = 0;
        foreach (var row in _rows)
        {
            if (row.Value.Silo == silo && _rows.TryRemove(row))
            {
                count++;
            }
        }

        return Task.FromResult(count);
    }
}
