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
