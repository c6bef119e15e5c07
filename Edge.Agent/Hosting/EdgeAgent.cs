using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin;
using EdgeHive.Edge.Agent.EdgeHub;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;
using EdgeHive.Edge.Agent.EventBus;
using EdgeHive.Edge.Agent.Mapper;
using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.Options;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.ServiceBus;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>
/// The composed agent over one open database: stores, module bus, the modules (DeviceTwin, MetaManager, EventBus,
/// EdgeHub, ServiceBus, Edged, simulated mapper) and the outbox dispatcher. <see cref="RunAsync"/> registers and runs them
/// until cancelled. Nothing here needs the cloud: devices are served from SQLite from the first second.
/// </summary>
public sealed class EdgeAgent : IDisposable
{
    private readonly ServiceForwarder _forwarder;

    /// <summary>Builds the agent; nothing runs until <see cref="RunAsync"/>.</summary>
    public EdgeAgent(AgentOptions options, AgentDatabase database, AgentTuning tuning, TimeProvider time, ILoggerFactory loggers)
    {
        Options = options;
        Bus = new ModuleBus(tuning.Bus, time, loggers.CreateLogger<ModuleBus>());
        Outbox = new OutboxStore(database, time, tuning.Outbox.Capacity);
        Devices = new DeviceStore(database, Outbox);
        Meta = new MetaStore(database, time);
        Credentials = new CredentialStore(database, time);
        var factory = new EdgeMessageFactory(EdgeProtocolConstants.EdgeSource, time);
        Upstream = new CloudUpstreamLink(Outbox, factory, loggers.CreateLogger<CloudUpstreamLink>());
        Dispatcher = new OutboxDispatcher(Outbox, Upstream, tuning.Outbox, time, loggers.CreateLogger<OutboxDispatcher>());

        var twinService = new DeviceTwinService(Devices, options.NodeName, time, loggers.CreateLogger<DeviceTwinService>(),
            draft => UpstreamFrame.Refusal(draft, factory));
        Twin = new DeviceTwinModule(Bus, twinService, Dispatcher);
        MetaManager = new MetaManagerModule(Bus, Meta, Devices, options.NodeName, loggers.CreateLogger<MetaManagerModule>());
        if (options.MqttMaxPacketSize is { } maxPacket)
        {
            tuning.EventBus.MaxPacketSize = maxPacket;
        }

        EventBus = new EventBusModule(Bus, options.Mqtt, options.NodeName, tuning.EventBus, time, loggers);
        EdgeHub = new EdgeHubModule(Bus, options.CloudUrls, options.NodeName, options.JoinToken, Credentials, Devices, Upstream, Dispatcher,
            factory, tuning.EdgeHub, time, loggers.CreateLogger<EdgeHubModule>());
        _forwarder = new ServiceForwarder(tuning.ServiceBus, time);
        ServiceBus = new ServiceBusModule(Bus, _forwarder, tuning.ServiceBus, loggers.CreateLogger<ServiceBusModule>());
        var mapperOptions = tuning.Mapper;
        if (mapperOptions.DeviceCount == 0)
        {
            mapperOptions.DeviceCount = options.SimulatedDevices;
        }

        Edged = new EdgedModule(Bus, Meta, Outbox, Dispatcher,
            new ProcessRuntimeOptions { WorkloadsDirectory = options.WorkloadsDirectory, StateDirectory = options.EdgedStateDirectory },
            tuning.Edged, time, loggers);
        Mapper = new SimulatedMapperModule(Bus, () => EventBus.Ready, Devices, options.NodeName, mapperOptions, time, loggers.CreateLogger<SimulatedMapperModule>());
    }

    /// <summary>The start-up options.</summary>
    public AgentOptions Options { get; }

    /// <summary>The module bus.</summary>
    public ModuleBus Bus { get; }

    /// <summary>Upstream outbox.</summary>
    public OutboxStore Outbox { get; }

    /// <summary>Devices and twins.</summary>
    public DeviceStore Devices { get; }

    /// <summary>Cloud objects.</summary>
    public MetaStore Meta { get; }

    /// <summary>The node credential.</summary>
    public CredentialStore Credentials { get; }

    /// <summary>The outbox's link to the cloud session.</summary>
    public CloudUpstreamLink Upstream { get; }

    /// <summary>Sends the outbox upstream.</summary>
    public OutboxDispatcher Dispatcher { get; }

    /// <summary>DeviceTwin module.</summary>
    public DeviceTwinModule Twin { get; }

    /// <summary>MetaManager module.</summary>
    public MetaManagerModule MetaManager { get; }

    /// <summary>EventBus module.</summary>
    public EventBusModule EventBus { get; }

    /// <summary>EdgeHub module.</summary>
    public EdgeHubModule EdgeHub { get; }

    /// <summary>ServiceBus module.</summary>
    public ServiceBusModule ServiceBus { get; }

    /// <summary>Edged module: the node's workloads.</summary>
    public EdgedModule Edged { get; }

    /// <summary>Simulated mapper module (enabled by <c>--simulate</c>).</summary>
    public SimulatedMapperModule Mapper { get; }

    /// <summary>Registers the enabled modules and runs them and the dispatcher until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var module in new IModule[] { Twin, MetaManager, EventBus, EdgeHub, ServiceBus, Edged, Mapper })
        {
            Bus.Register(module);
        }

        try
        {
            await Task.WhenAll(Bus.RunModulesAsync(cancellationToken), Dispatcher.RunAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _forwarder.Dispose();
}
