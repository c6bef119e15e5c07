using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.EdgeHub;
using EdgeHive.Edge.Agent.Edged.Supervision;
using EdgeHive.Edge.Agent.EventBus;
using EdgeHive.Edge.Agent.Mapper;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.ServiceBus;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>Per-subsystem settings beyond the command line; the defaults are the documented production values.</summary>
public sealed class AgentTuning
{
    /// <summary>Module bus settings (also: modules switched off by name).</summary>
    public ModuleBusOptions Bus { get; init; } = new();

    /// <summary>Upstream outbox settings.</summary>
    public OutboxOptions Outbox { get; init; } = new();

    /// <summary>Cloud link settings.</summary>
    public EdgeHubOptions EdgeHub { get; init; } = new();

    /// <summary>MQTT bridge settings.</summary>
    public EventBusOptions EventBus { get; init; } = new();

    /// <summary>Local HTTP forwarding settings.</summary>
    public ServiceBusOptions ServiceBus { get; init; } = new();

    /// <summary>Workload supervision settings (back-off, shutdown grace).</summary>
    public SupervisorOptions Edged { get; init; } = new();

    /// <summary>Simulated mapper settings; <see cref="MapperOptions.DeviceCount"/> comes from <c>--simulate</c> when 0 here.</summary>
    public MapperOptions Mapper { get; init; } = new();
}
