using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Live;

/// <summary>
/// The circuit's one subscription to the cluster's changes. It is a scoped service, so every circuit (one browser tab)
/// has exactly one, however many components on the page watch: the first <see cref="Watch"/> opens
/// <see cref="IPortalBackend.ChangesAsync"/> (the silo's change feed, or the standalone portal's change hub), and the
/// circuit's end disposes it. Each watcher has a filter and a handler; changes arriving while its handler runs are
/// merged into its next call, so a burst (an import of thousands of devices) costs each component one re-read at a time,
/// not one per change. A failed read (a database outage, no gateway) is retried from the last id seen, so no change is
/// lost, only delayed. A watch whose page shows an outage (<see cref="ChangeWatch.RetryWhenReachable"/>) reloads when the
/// backend says the cluster answers again (<see cref="IPortalBackend.ClusterReachable"/>).
/// </summary>
internal sealed partial class CircuitChanges(
    IPortalBackend backend,
    PortalCircuits circuits,
    CircuitSession session,
    TimeProvider time,
    ILogger<CircuitChanges> logger) : IAsyncDisposable
{
    /// <summary>Wait before reading again after the feed failed.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly List<ChangeWatch> _watches = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _disposed;

    /// <summary>Calls <paramref name="onChanges"/> with the changes <paramref name="filter"/> accepts, until the
    /// returned handle is disposed. Calls of one watch never overlap.</summary>
    public ChangeWatch Watch(Func<PortalChange, bool> filter, Func<IReadOnlyList<PortalChange>, Task> onChanges)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(onChanges);
        var watch = new ChangeWatch(this, filter, onChanges, logger);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _watches.Add(watch);
            if (_loop is null)
            {
                backend.ClusterReachable += OnClusterReachable;
                _loop = Task.Run(() => RunAsync(_stop.Token));
            }
        }

        return watch;
    }

    /// <summary>True once the subscription is open (from the first <see cref="Watch"/> to the circuit's end).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _loop is not null && !_disposed;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
            _watches.Clear();
        }

        if (loop is not null)
        {
            backend.ClusterReachable -= OnClusterReachable;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    internal void Remove(ChangeWatch watch)
    {
        lock (_gate)
        {
            _watches.Remove(watch);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        circuits.SubscriptionOpened();
        session.Subscribed = true;
        long? after = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    after ??= await backend.LatestChangeIdAsync(cancellationToken).ConfigureAwait(false);
                    await foreach (var change in backend.ChangesAsync(after.Value, cancellationToken).ConfigureAwait(false))
                    {
                        after = change.Id;
                        Dispatch(change);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Log.FeedFailed(logger, after ?? -1, ex.Message);
                }

                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit ended.
        }
        finally
        {
            session.Subscribed = false;
            circuits.SubscriptionClosed();
        }
    }

    private void OnClusterReachable(object? sender, EventArgs e)
    {
        ChangeWatch[] watches;
        lock (_gate)
        {
            watches = [.. _watches];
        }

        foreach (var watch in watches)
        {
            if (watch.TakeRetry() is { } retry)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await retry().ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        // The page keeps showing the outage; it asks again if the read failed the same way.
                        LogHandlerFailed(logger, ex);
                    }
                });
            }
        }
    }

    private void Dispatch(PortalChange change)
    {
        ChangeWatch[] watches;
        lock (_gate)
        {
            watches = [.. _watches];
        }

        foreach (var watch in watches)
        {
            watch.Offer(change);
        }
    }
}
