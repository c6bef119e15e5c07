using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;
using Orleans;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>
/// <see cref="IPortalChangesGrain"/>: one activation per subscribing client (key: its client id), holding at most one
/// <see cref="PortalChangePump"/>. Keyed per caller so each client has exactly one subscription whose position and
/// lease belong to it alone, and so subscriptions spread over the silos. Nothing is persisted: after the silo dies the
/// client's next <see cref="Subscribe"/> (with its last seen id) starts a new pump wherever the grain activates. An
/// Orleans grain; the observer is the client's Orleans object reference, kept by lease as Orleans' docs recommend.
/// </summary>
internal sealed class PortalChangesGrain(IChangeFeed feed, TimeProvider time, ILogger<PortalChangePump> logger) : Grain, IPortalChangesGrain
{
    /// <summary>How long a subscription lasts without being renewed (documented on the interface).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    private PortalChangePump? _pump;

    public Task<bool> Subscribe(IPortalChangeObserver observer, long afterId)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_pump is { IsRunning: true } running)
        {
            running.Renew(observer);
            return Task.FromResult(false);
        }

        _pump?.Dispose();
        _pump = PortalChangePump.Start(feed, observer, Math.Max(0, afterId), Lease, this.GetPrimaryKeyString(), time, logger);
        return Task.FromResult(true);
    }

    public Task Unsubscribe()
    {
        _pump?.Dispose();
        _pump = null;
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _pump?.Dispose();
        _pump = null;
        return Task.CompletedTask;
    }
}
