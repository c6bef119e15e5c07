using System.Text.Json;
using EdgeHive.Grains.Runtime.Catalog;
using EdgeHive.Grains.Runtime.Messaging;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>
/// The services one silo's activations share. Built by <see cref="Silo"/>; the parts are wired after construction
/// because they refer to each other (the dispatcher routes into the catalog, the catalog re-routes through the dispatcher).
/// </summary>
internal sealed class SiloRuntime
{
    public required IServiceProvider Services { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    public required JsonSerializerOptions JsonOptions { get; init; }

    public required ILogger Logger { get; init; }

    public required SiloOptions Options { get; init; }

    public required GrainTypeRegistry Types { get; init; }

    public IGrainStateStore? Storage { get; init; }

    /// <summary>This silo's address, once bound.</summary>
    public SiloAddress Self { get; set; } = null!;

    public GrainCatalog Catalog { get; set; } = null!;

    public Dispatcher Dispatcher { get; set; } = null!;

    public IGrainFactory GrainFactory { get; set; } = null!;

    public IReminderRegistry Reminders { get; set; } = null!;
}
