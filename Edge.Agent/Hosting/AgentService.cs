using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>Runs the composed <see cref="EdgeAgent"/> for the host's lifetime.</summary>
internal sealed partial class AgentService(
    AgentOptions options,
    AgentDatabase database,
    AgentTuning tuning,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<AgentService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var agent = new EdgeAgent(options, database, tuning, time, loggers);
        var bound = await agent.Devices.ListDevicesAsync(stoppingToken).ConfigureAwait(false);
        var pending = await agent.Outbox.CountAsync(stoppingToken).ConfigureAwait(false);
        LogStarted(options.NodeName, options.DatabasePath, options.Mqtt.ToString(), string.Join(",", options.CloudUrls), bound.Count, pending);
        await agent.RunAsync(stoppingToken).ConfigureAwait(false);
        LogStopped(options.NodeName);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Edge agent {Node} started: database {Database}, MQTT {Mqtt}, cloud {Cloud}; {Devices} devices bound, {Pending} outbox entries pending")]
    private partial void LogStarted(string node, string database, string mqtt, string cloud, int devices, long pending);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Edge agent {Node} stopped")]
    private partial void LogStopped(string node);
}
