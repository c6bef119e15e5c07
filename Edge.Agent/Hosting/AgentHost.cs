using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>
/// The process host: console logging, the agent database, and <see cref="EdgeAgent"/> (stores, module bus, DeviceTwin,
/// MetaManager, EventBus, EdgeHub, ServiceBus, simulated mapper, outbox dispatcher) until Ctrl+C / SIGTERM. No generic
/// host: the agent has one service, and leaving out the host's configuration, DI container and hosted-service machinery
/// keeps the native binary small and its start short. The agent serves MQTT devices without any cloud and catches up
/// when the link comes back.
/// </summary>
public static partial class AgentHost
{
    /// <summary>Environment variable with the minimum log level (Trace … Critical); default Information.</summary>
    public const string LogLevelVariable = "EDGEHIVE_LOG_LEVEL";

    /// <summary>Runs the agent with <paramref name="options"/> until <paramref name="cancellationToken"/> is cancelled (Ctrl+C, SIGTERM).</summary>
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LogLevelVariable), ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        // The console provider and the factory are built directly, without LoggerFactory.Create: its service container
        // and options machinery cost the native agent about 1.5 MB of memory (docs/benchmarks.md). The provider is ours
        // to dispose (the factory does not dispose providers it is given), which flushes its queue at exit.
        using var console = new ConsoleLoggerProvider(new FixedConsoleOptions(new() { FormatterName = ConsoleFormatterNames.Systemd }));
        using var loggers = new LoggerFactory([console], new LoggerFilterOptions { MinLevel = level });
        var logger = loggers.CreateLogger(typeof(AgentHost).FullName!);

        await using var database = await AgentDatabase.OpenAsync(options.DatabasePath, cancellationToken).ConfigureAwait(false);
        using var agent = new EdgeAgent(options, database, new AgentTuning(), TimeProvider.System, loggers);
        var bound = await agent.Devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false);
        var pending = await agent.Outbox.CountAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(logger, options.NodeName, options.DatabasePath, options.Mqtt.ToString(), string.Join(",", options.CloudUrls), bound.Count, pending);
        await agent.RunAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(logger, options.NodeName);
        return 0;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Edge agent {Node} started: database {Database}, MQTT {Mqtt}, cloud {Cloud}; {Devices} devices bound, {Pending} outbox entries pending")]
    private static partial void LogStarted(ILogger logger, string node, string database, string mqtt, string cloud, int devices, long pending);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Edge agent {Node} stopped")]
    private static partial void LogStopped(ILogger logger, string node);

    /// <summary>Console options that never change, for the provider built without a service container.</summary>
    private sealed class FixedConsoleOptions(ConsoleLoggerOptions value) : IOptionsMonitor<ConsoleLoggerOptions>
    {
        public ConsoleLoggerOptions CurrentValue => value;

        public ConsoleLoggerOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleLoggerOptions, string?> listener) => null;
    }
}
