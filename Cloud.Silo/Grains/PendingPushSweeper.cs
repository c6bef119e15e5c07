using EdgeHive.Grains.Cloud;
using EdgeHive.Grains.Runtime.Persistence;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Finds devices that owe a node a downstream push (the <c>pushpending</c> index of <see cref="DeviceGrainState"/>)
/// and pokes them with <see cref="IDeviceGrain.ResendPending"/>. Grains activate on demand, so after a crash between a
/// device's write and its push nothing else would wake the device until somebody used it. One indexed query per
/// silo and interval: the index is empty except for the moment between a write and its push, or after a failure.
/// Every silo sweeps; two silos poking the same device is harmless because resending is idempotent.
/// </summary>
/// <remarks>Takes the silo rather than its factory and storage: hosted services are constructed before the silo starts,
/// and both are only available once it runs.</remarks>
internal sealed partial class PendingPushSweeper(
    RuntimeSilo silo,
    CloudGrainOptions options,
    TimeProvider timeProvider,
    ILogger<PendingPushSweeper> logger) : BackgroundService
{
    private const string DeviceType = "device";
    private const int PageSize = 500;

    /// <summary>Pokes every device that owes a push to <paramref name="node"/> (null: to any node).</summary>
    /// <returns>How many devices were poked.</returns>
    public async Task<int> SweepAsync(string? node, CancellationToken cancellationToken)
    {
        var filter = new IndexFilter(DeviceGrainState.PendingIndex, node ?? string.Empty, Prefix: node is null);
        var poked = 0;
        string? cursor = null;
        do
        {
            var page = await silo.Storage.QueryAsync(
                new GrainQuery { GrainType = DeviceType, Filters = [filter], Limit = PageSize, Cursor = cursor },
                cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                await silo.GrainFactory.GetGrain<IDeviceGrain>(row.Key).ResendPending().ConfigureAwait(false);
                poked++;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return poked;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PendingPushSweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var poked = await SweepAsync(null, stoppingToken).ConfigureAwait(false);
                if (poked > 0)
                {
                    Log.Poked(logger, poked);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The silo may be starting or stopping; the next tick tries again.
                Log.SweepFailed(logger, ex);
            }
        }
    }
}
