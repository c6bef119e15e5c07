using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Live;

/// <summary>One component's interest in the circuit's changes (<see cref="CircuitChanges.Watch"/>): matching changes are
/// collected while the handler runs and handed over together on its next call, so calls never overlap and a burst
/// becomes one call.</summary>
internal sealed class ChangeWatch(
    CircuitChanges owner,
    Func<PortalChange, bool> filter,
    Func<IReadOnlyList<PortalChange>, Task> onChanges,
    ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private List<PortalChange> _pending = [];
    private bool _running;
    private bool _disposed;
    private Func<Task>? _retry;

    /// <summary>The page shows "cluster not reachable": <paramref name="reload"/> runs once the next time the cluster
    /// answers (<see cref="Backend.IPortalBackend.ClusterReachable"/>), so the page recovers without the user.</summary>
    public void RetryWhenReachable(Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        Volatile.Write(ref _retry, reload);
    }

    /// <summary>The reload asked for by <see cref="RetryWhenReachable"/>, once; null if none.</summary>
    internal Func<Task>? TakeRetry() => Interlocked.Exchange(ref _retry, null);

    public void Offer(PortalChange change)
    {
        if (!filter(change))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Add(change);
            if (_running)
            {
                return;
            }

            _running = true;
        }

        _ = Task.Run(DrainAsync);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
            _retry = null;
        }

        owner.Remove(this);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PortalChange> batch;
            lock (_gate)
            {
                if (_pending.Count == 0 || _disposed)
                {
                    _running = false;
                    return;
                }

                batch = _pending;
                _pending = [];
            }

            try
            {
                await onChanges(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A component that failed to refresh shows its old content; the next change tries again.
                CircuitChanges.LogHandlerFailed(logger, ex);
            }
        }
    }
}
