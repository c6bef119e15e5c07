using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>Registers the modules on the bus and runs them and the outbox dispatcher for the host's lifetime.</summary>
internal sealed partial class AgentService(
    AgentOptions options,
    ModuleBus bus,
    DeviceTwinModule twin,
    OutboxDispatcher dispatcher,
    DeviceStore devices,
    OutboxStore outbox,
    ILogger<AgentService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bus.Register(twin);

        var bound = await devices.ListDevicesAsync(stoppingToken).ConfigureAwait(false);
        var pending = await outbox.CountAsync(stoppingToken).ConfigureAwait(false);
        LogStarted(options.NodeName, options.DatabasePath, options.Mqtt.ToString(), string.Join(",", options.CloudUrls), bound.Count, pending);

        try
        {
            await Task.WhenAll(bus.RunModulesAsync(stoppingToken), dispatcher.RunAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }

        LogStopped(options.NodeName);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Edge agent {Node} started: database {Database}, MQTT {Mqtt}, cloud {Cloud}; {Devices} devices bound, {Pending} outbox entries pending")]
    private partial void LogStarted(string node, string database, string mqtt, string cloud, int devices, long pending);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Edge agent {Node} stopped")]
    private partial void LogStopped(string node);
}
