using System.Threading.Channels;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>
/// Follows the change feed from a position and pushes batches to one observer, each call awaited before the next, so
/// the observer sees ids in order. Runs outside the grain's turns (a subscription lives longer than any call) and stops
/// when its lease runs out without <see cref="Renew"/>, when a delivery fails, or when disposed.
/// </summary>
internal sealed partial class PortalChangePump : IDisposable
{
    /// <summary>Most changes per observer call; a burst becomes a few calls instead of one per change.</summary>
    public const int MaxBatch = 256;

    private readonly CancellationTokenSource _stop;
    private readonly TimeSpan _lease;
    private readonly string _subscriber;
    private readonly ILogger _logger;
    private IPortalChangeObserver _observer;
    private volatile bool _running = true;

    private PortalChangePump(IPortalChangeObserver observer, TimeSpan lease, string subscriber, TimeProvider time, ILogger logger)
    {
        _observer = observer;
        _lease = lease;
        _subscriber = subscriber;
        _logger = logger;
        _stop = new CancellationTokenSource(lease, time);
    }

    /// <summary>False once the pump stopped for any reason.</summary>
    public bool IsRunning => _running;

    /// <summary>The pump's loop; completes when it stops (for tests).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts following the feed after <paramref name="afterId"/>.</summary>
    public static PortalChangePump Start(IChangeFeed feed, IPortalChangeObserver observer, long afterId, TimeSpan lease, string subscriber, TimeProvider time, ILogger logger)
    {
        var pump = new PortalChangePump(observer, lease, subscriber, time, logger);

        // Not part of the Subscribe call that starts it: its deadline and call chain must not flow into the deliveries.
        using (ExecutionContext.SuppressFlow())
        {
            pump.Completion = Task.Run(() => pump.RunAsync(feed, afterId));
        }

        Log.Started(logger, subscriber, afterId);
        return pump;
    }

    /// <summary>Extends the lease from now and delivers to <paramref name="observer"/> from the next batch on.</summary>
    public void Renew(IPortalChangeObserver observer)
    {
        Volatile.Write(ref _observer, observer);
        try
        {
            _stop.CancelAfter(_lease);
        }
        catch (ObjectDisposedException)
        {
            // Stopped meanwhile; the caller sees IsRunning false next time.
        }
    }

    public void Dispose()
    {
        _running = false;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync(IChangeFeed feed, long afterId)
    {
        var token = _stop.Token;
        var queue = Channel.CreateBounded<PortalChange>(new BoundedChannelOptions(MaxBatch * 4) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var reading = ReadFeedAsync(feed, afterId, queue.Writer, token);
        try
        {
            var batch = new List<PortalChange>(MaxBatch);
            while (await queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                await Volatile.Read(ref _observer).OnChanges(batch.ToArray()).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Log.Stopped(_logger, _subscriber);
        }
        catch (Exception ex)
        {
            // The client is gone or slow: it resubscribes with the last id it saw.
            Log.DeliveryFailed(_logger, _subscriber, ex);
        }
        finally
        {
            _running = false;
            await _stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    private async Task ReadFeedAsync(IChangeFeed feed, long afterId, ChannelWriter<PortalChange> writer, CancellationToken token)
    {
        try
        {
            await foreach (var change in feed.ReadAsync(afterId, null, token).ConfigureAwait(false))
            {
                await writer.WriteAsync(PortalQueries.ToPortal(change), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.FeedFailed(_logger, _subscriber, ex);
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
