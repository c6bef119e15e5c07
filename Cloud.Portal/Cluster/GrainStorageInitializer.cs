using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>Creates the grain-state table if the portal starts before any silo did (idempotent, as on every silo
/// start), so the first-admin bootstrap that runs after it can write.</summary>
internal sealed class GrainStorageInitializer(IGrainStateStore storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
