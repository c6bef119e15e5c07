using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// The one timer of the gateway (as Kestrel's heartbeat): each tick walks the open connections and lets each decide
/// whether a keepalive is due, the link is dead, or a close handshake overran. On shutdown it tells every connection
/// to go away (1001) so agents reconnect to another silo.
/// </summary>
internal sealed class EdgeHeartbeat(EdgeConnectionRegistry registry, EdgeGatewayOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Tick();
            }
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    /// <summary>One pass over every connection.</summary>
    internal void Tick()
    {
        var now = time.GetTimestamp();
        foreach (var connection in registry.Snapshot())
        {
            connection.OnHeartbeat(now);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in registry.Snapshot())
        {
            connection.RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.GoingAway, "silo shutting down; reconnect"));
        }

        await base.StopAsync(cancellationToken);
    }
}
