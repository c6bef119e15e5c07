using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;
using OrleansGrainFactory = Orleans.IGrainFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Finds devices that owe a node a downstream push (the <c>pushpending</c> index of <see cref="DeviceGrainState"/>) or
/// a model a user-set check (<c>modelpending</c>) and pokes them with <see cref="IDeviceGrain.ResendPending"/>. Grains
/// activate on demand, so after a crash between a device's write and what it owes nothing else would wake the device
/// until somebody used it. One indexed query per index, silo and interval: the indexes are empty except for the moment
/// between a write and its settling, or after a failure. Every silo sweeps; two silos poking the same device is
/// harmless because settling is idempotent. Besides the periodic sweep, a node whose session attached or activated
/// (<see cref="NodeReconnects"/>) is swept at once, so its owed pushes do not wait for the next tick.
/// </summary>
/// <remarks>Resolves the storage when it sweeps rather than when it is constructed: hosted services are constructed
/// before the silos start, and the storage is only available once they run. Devices are poked through Orleans' grain
/// factory (the device family runs on Orleans).</remarks>
internal sealed partial class PendingPushSweeper(
    IServiceProvider services,
    OrleansGrainFactory grains,
    CloudGrainOptions options,
    NodeReconnects reconnects,
    TimeProvider timeProvider,
    ILogger<PendingPushSweeper> logger) : BackgroundService
{
    private const string DeviceType = "device";
    private const int PageSize = 500;

    /// <summary>Pokes every device that owes a push to <paramref name="node"/>, or (null) every device that owes any
    /// node a push or any model a check.</summary>
    /// <returns>How many devices were poked.</returns>
    public async Task<int> SweepAsync(string? node, CancellationToken cancellationToken)
    {
        var poked = new HashSet<string>(StringComparer.Ordinal);
        await PokeAsync(new IndexFilter(DeviceGrainState.PendingIndex, node ?? string.Empty, Prefix: node is null), poked, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            await PokeAsync(new IndexFilter(DeviceGrainState.ModelPendingIndex, string.Empty, Prefix: true), poked, cancellationToken).ConfigureAwait(false);
        }

        return poked.Count;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SweepPeriodicallyAsync(stoppingToken), SweepReconnectedNodesAsync(stoppingToken));

    private async Task PokeAsync(IndexFilter filter, HashSet<string> poked, CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await services.GetRequiredService<IGrainStateStore>().QueryAsync(
                new GrainQuery { GrainType = DeviceType, Filters = [filter], Limit = PageSize, Cursor = cursor },
                cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                if (poked.Add(row.Key))
                {
                    await grains.GetGrain<IDeviceGrain>(row.Key).ResendPending().ConfigureAwait(false);
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PendingPushSweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await TrySweepAsync(null, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SweepReconnectedNodesAsync(CancellationToken stoppingToken)
    {
        await foreach (var node in reconnects.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await TrySweepAsync(node, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TrySweepAsync(string? node, CancellationToken stoppingToken)
    {
        try
        {
            var poked = await SweepAsync(node, stoppingToken).ConfigureAwait(false);
            if (poked > 0)
            {
                Log.Poked(logger, poked, node ?? "*");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The silo may be starting or stopping; the next tick (or the periodic sweep) tries again.
            Log.SweepFailed(logger, ex);
        }
    }
}
