using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Places label-selector workloads again when nodes change: it follows the change feed for node registrations, label
/// changes and deletions (not the online/offline status) and, after a short quiet period that merges a burst (a fleet
/// registering), asks every selector workload to <see cref="IWorkloadGrain.Reconcile"/>. The node grains never call
/// workload grains, so neither side needs to know the other; every silo watches, and reconciling twice is harmless. The
/// workloads' minute reminder stays as the backstop for a change this silo missed (it was down, the feed lagged).
/// </summary>
internal sealed partial class WorkloadPlacementWatcher(
    IChangeFeed feed,
    IWorkloadQueries workloads,
    global::Orleans.IGrainFactory grains,
    TimeProvider time,
    ILogger<WorkloadPlacementWatcher> logger) : BackgroundService
{
    /// <summary>How long node changes are gathered before the selector workloads are placed again.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>Asks every selector workload to place itself again; returns how many were asked.</summary>
    public async Task<int> ReconcileAllAsync(CancellationToken cancellationToken)
    {
        var asked = 0;
        string? cursor = null;
        do
        {
            var page = await workloads.ListAsync(
                new WorkloadListQuery { BySelector = true, Limit = ListLimits.MaxLimit, Cursor = cursor, IncludeTotal = false },
                cancellationToken).ConfigureAwait(false);
            foreach (var workload in page.Items)
            {
                await grains.GetGrain<IWorkloadGrain>(workload.Key).Reconcile().ConfigureAwait(false);
                asked++;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return asked;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(WatchAsync(stoppingToken), ReconcileOnChangeAsync(stoppingToken));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var after = await feed.LatestIdAsync(stoppingToken).ConfigureAwait(false);
                await foreach (var _ in feed.ReadAsync(after, IsPlacementRelevant, stoppingToken).ConfigureAwait(false))
                {
                    if (_changed.CurrentCount == 0)
                    {
                        try
                        {
                            _changed.Release();
                        }
                        catch (SemaphoreFullException)
                        {
                            // Already signalled.
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.WatchFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReconcileOnChangeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(Quiet, time, stoppingToken).ConfigureAwait(false);
            try
            {
                var asked = await ReconcileAllAsync(stoppingToken).ConfigureAwait(false);
                if (asked > 0)
                {
                    Log.Reconciled(logger, asked);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reminders place the workloads within a minute anyway.
                Log.ReconcileFailed(logger, ex);
            }
        }
    }

    private static bool IsPlacementRelevant(ChangeEvent change) =>
        change.Kind == ChangeKinds.Node
        && change.Operation is ChangeOperations.Created or ChangeOperations.Updated or ChangeOperations.Deleted;

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3710, Level = LogLevel.Information, Message = "Nodes changed: {Count} selector workload(s) placed again")]
        public static partial void Reconciled(ILogger logger, int count);

        [LoggerMessage(EventId = 3711, Level = LogLevel.Warning, Message = "Placing selector workloads again after a node change failed; their reminders retry within a minute")]
        public static partial void ReconcileFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3712, Level = LogLevel.Warning, Message = "Following the change feed for node changes failed; retrying")]
        public static partial void WatchFailed(ILogger logger, Exception exception);
    }
}
