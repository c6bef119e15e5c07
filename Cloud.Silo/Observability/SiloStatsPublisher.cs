using EdgeHive.Cloud.Storage.SystemRecords;
using Orleans.Storage;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// Stores this silo's statistics as a <c>sys.silostats</c> row every <see cref="ObservabilityOptions.SiloStatsInterval"/>,
/// so any silo can show the whole cluster's activation counts without calling every other silo.
/// </summary>
internal sealed partial class SiloStatsPublisher(
    RuntimeSilo silo,
    OrleansActivationCounts orleans,
    CloudMetrics metrics,
    ISystemRecordStore storage,
    IOptions<ObservabilityOptions> options,
    TimeProvider timeProvider,
    ILogger<SiloStatsPublisher> logger) : BackgroundService
{
    /// <summary>The statistics of <paramref name="silo"/> now.</summary>
    public static SiloStats Snapshot(RuntimeSilo silo, OrleansActivationCounts orleans, CloudMetrics metrics, DateTimeOffset now) =>
        new(silo.Address.ToString(), silo.ActivationCount + orleans.Total, orleans.AddTo(silo.ActivationCountsByType()), silo.ConnectedClients,
            metrics.ConnectedNodes, silo.PendingCalls, now);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SiloStatsInterval, timeProvider);
        do
        {
            await PublishAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!silo.IsRunning)
        {
            return;
        }

        try
        {
            // A silo that leaves removes its row; a crashed silo's row stays until the address is gone from the view.
            var key = silo.Address.ToString();
            if (await storage.ReadAsync(SystemRows.SiloStats, key, cancellationToken).ConfigureAwait(false) is { } row)
            {
                await storage.ClearAsync(SystemRows.SiloStats, key, row.Version, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InconsistentStateException or OperationCanceledException)
        {
            Log.RemoveFailed(logger, ex);
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!silo.IsRunning)
        {
            return;
        }

        try
        {
            var stats = Snapshot(silo, orleans, metrics, timeProvider.GetUtcNow());
            var row = await storage.ReadAsync(SystemRows.SiloStats, stats.Silo, cancellationToken).ConfigureAwait(false);
            var payload = JsonSerializer.Serialize(stats, CloudJson.Options);
            await storage.WriteAsync(SystemRows.SiloStats, stats.Silo, payload, row?.Version ?? 0, [], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Statistics are advisory: a failed write (database down, silo stopping) is retried at the next tick.
            Log.PublishFailed(logger, ex);
        }
    }
}
