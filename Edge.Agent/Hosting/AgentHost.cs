using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>
/// Wires the agent: database, stores, module bus, DeviceTwin and the outbox dispatcher, then runs until stopped.
/// Two seams are left for the parts built elsewhere:
/// <list type="bullet">
/// <item><b>EventBus (Edge.Mqtt)</b>: register a module named <see cref="ModuleNames.EventBus"/> in group
/// <see cref="ModuleNames.BusGroup"/> that forwards subscribed MQTT messages (<see cref="DeviceTopics.Subscriptions"/>)
/// to <see cref="ModuleNames.DeviceTwin"/> as <see cref="TwinOperations.MqttMessage"/> and publishes what it receives
/// as <see cref="TwinOperations.Publish"/>. Until then, publications are dropped with a debug log.</item>
/// <item><b>EdgeHub (Edge.Protocol)</b>: replace <see cref="DisconnectedUpstreamLink"/> with the WebSocket link
/// (<see cref="IUpstreamLink"/>), call <see cref="OutboxDispatcher.NotifyConnected"/> on each connection and
/// <see cref="OutboxDispatcher.AcknowledgeAsync"/> on acks, and send cloud changes to DeviceTwin with
/// <see cref="ModuleBus.SendSyncAsync"/>, acknowledging them after the response.</item>
/// </list>
/// </summary>
public static class AgentHost
{
    /// <summary>Runs the agent with <paramref name="options"/> until <paramref name="cancellationToken"/> is cancelled (Ctrl+C).</summary>
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        var time = TimeProvider.System;
        await using var database = await AgentDatabase.OpenAsync(options.DatabasePath, cancellationToken).ConfigureAwait(false);
        var outboxOptions = new OutboxOptions();
        var outboxStore = new OutboxStore(database, time, outboxOptions.Capacity);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(outboxOptions);
        builder.Services.AddSingleton(outboxStore);
        builder.Services.AddSingleton(new DeviceStore(database, outboxStore));
        builder.Services.AddSingleton(new MetaStore(database, time));
        builder.Services.AddSingleton(new CredentialStore(database, time));
        builder.Services.AddSingleton(new ModuleBusOptions());
        builder.Services.AddSingleton<ModuleBus>();
        builder.Services.AddSingleton<IUpstreamLink, DisconnectedUpstreamLink>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddSingleton(sp => new DeviceTwinService(
            sp.GetRequiredService<DeviceStore>(), options.NodeName, time, sp.GetRequiredService<ILogger<DeviceTwinService>>()));
        builder.Services.AddSingleton<DeviceTwinModule>(sp => new DeviceTwinModule(
            sp.GetRequiredService<ModuleBus>(), sp.GetRequiredService<DeviceTwinService>(), sp.GetRequiredService<OutboxDispatcher>()));
        builder.Services.AddHostedService<AgentService>();

        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
