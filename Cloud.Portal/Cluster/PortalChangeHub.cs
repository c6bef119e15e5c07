using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// The standalone portal's one change subscription, shared by every open page: an Orleans grain observer
/// (<see cref="IPortalChangeObserver"/>, made with <c>CreateObjectReference</c> on the portal's Orleans client). As
/// Orleans' docs ask of observers, which a silo forgets when it stops, it keeps its <see cref="IPortalChangesGrain"/>
/// subscription alive by subscribing again every <see cref="PortalClientOptions.ResubscribeInterval"/> (every
/// <see cref="PortalClientOptions.RetryInterval"/> while no gateway answers) from the last id it received, so a silo
/// restart costs at most one interval of latency and no changes. Received changes go to every reader, and the
/// newest few are kept for readers that start a little behind.
/// </summary>
internal sealed partial class PortalChangeHub(
    PortalOrleansClient orleans,
    PortalClientOptions options,
    TimeProvider time,
    ILogger<PortalChangeHub> logger) : BackgroundService, IPortalChangeObserver
{
    /// <summary>How many of the newest changes are kept for readers that start behind the hub.</summary>
    public const int RecentCapacity = 512;

    /// <summary>Changes a slow reader may fall behind before the oldest are dropped (a page then just refreshes once).</summary>
    public const int ReaderCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly Queue<PortalChange> _recent = new();
    private readonly HashSet<ChannelWriter<PortalChange>> _readers = [];
    private long _lastId = -1;

    /// <summary>The id of the last change received, or -1 before the first subscription.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>True while the last subscribe or renewal succeeded.</summary>
    public bool IsSubscribed { get; private set; }

    /// <summary>Raised after each successful subscribe or renewal: the cluster answers (again), so pages that show an
    /// outage read again.</summary>
    public event EventHandler? Reachable;

    /// <summary>Changes after <paramref name="afterId"/> (as far as the hub still holds them), then live ones until cancelled.</summary>
    public async IAsyncEnumerable<PortalChange> ReadAsync(long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PortalChange>(new BoundedChannelOptions(ReaderCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            foreach (var change in _recent)
            {
                if (change.Id > afterId)
                {
                    channel.Writer.TryWrite(change);
                }
            }

            _readers.Add(channel.Writer);
        }

        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _readers.Remove(channel.Writer);
            }
        }
    }

    /// <inheritdoc />
    public Task OnChanges(IReadOnlyList<PortalChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            foreach (var change in changes)
            {
                // A subscription restarted from our last id may repeat what an older one already delivered.
                if (change.Id <= _lastId)
                {
                    continue;
                }

                Interlocked.Exchange(ref _lastId, change.Id);
                _recent.Enqueue(change);
                if (_recent.Count > RecentCapacity)
                {
                    _recent.Dequeue();
                }

                foreach (var reader in _readers)
                {
                    reader.TryWrite(change);
                }
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        global::Orleans.IGrainFactory? grains = null;
        IPortalChangeObserver? reference = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.RetryInterval;
                try
                {
                    // The client's factory exists once it has reached a gateway (ClusterUnavailableException until then).
                    if (grains is null)
                    {
                        var factory = orleans.Grains;
                        reference = factory.CreateObjectReference<IPortalChangeObserver>(this);
                        grains = factory;
                    }

                    await SubscribeAsync(grains, reference!).WaitAsync(stoppingToken).ConfigureAwait(false);
                    wait = options.ResubscribeInterval;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (IsSubscribed)
                    {
                        Log.SubscriptionLost(logger, orleans.Gateways, ex.Message);
                    }

                    IsSubscribed = false;
                }

                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (grains is not null)
            {
                await UnsubscribeAsync(grains.GetGrain<IPortalChangesGrain>(orleans.ClientId)).ConfigureAwait(false);
                grains.DeleteObjectReference<IPortalChangeObserver>(reference!);
            }

            lock (_gate)
            {
                foreach (var reader in _readers)
                {
                    reader.TryComplete();
                }
            }
        }
    }

    private async Task SubscribeAsync(global::Orleans.IGrainFactory grains, IPortalChangeObserver reference)
    {
        if (LastId < 0)
        {
            // First contact: start at the feed's end, not at the start of everything it retains.
            var latest = await grains.GetGrain<IPortalQueryGrain>(orleans.ClientId).LatestChangeId().ConfigureAwait(false);
            Interlocked.CompareExchange(ref _lastId, latest, -1);
        }

        var started = await grains.GetGrain<IPortalChangesGrain>(orleans.ClientId).Subscribe(reference, LastId).ConfigureAwait(false);
        if (started)
        {
            Log.Subscribed(logger, LastId);
        }

        IsSubscribed = true;
        Reachable?.Invoke(this, EventArgs.Empty);
    }

    private async Task UnsubscribeAsync(IPortalChangesGrain subscription)
    {
        if (!IsSubscribed)
        {
            return;
        }

        try
        {
            await subscription.Unsubscribe().WaitAsync(TimeSpan.FromSeconds(2), time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or global::Orleans.Runtime.OrleansException or ObjectDisposedException)
        {
            // The lease ends it anyway.
        }
    }
}
