using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// The one timer of the gateway (as Kestrel's heartbeat): each tick walks the open connections and lets each decide
/// whether a keepalive is due, the link is dead, or a close handshake overran. On shutdown it tells every connection
/// to go away (1001) so agents reconnect to another silo.
/// </summary>
internal sealed class EdgeHeartbeat(
    EdgeConnectionRegistry registry, EdgeGatewayOptions options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Kestrel stops before this service and waits for open requests, and an edge WebSocket is one that never ends
        // by itself: telling the connections to go away only in StopAsync would hold every shutdown for the whole
        // shutdown timeout. ApplicationStopping fires before any service stops.
        using var stopping = lifetime.ApplicationStopping.Register(static s => ((EdgeHeartbeat)s!).GoAway(), this);
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
        GoAway();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Starts the close handshake (1001) on every connection; a connection closes only once.</summary>
    private void GoAway()
    {
        foreach (var connection in registry.Snapshot())
        {
            connection.RequestClose(EdgeCloseStatus.Create(EdgeCloseCodes.GoingAway, "silo shutting down; reconnect"));
        }
    }
}
