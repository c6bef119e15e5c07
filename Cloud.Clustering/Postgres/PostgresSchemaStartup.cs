using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Postgres;

/// <summary>Ensures the schema when the silo starts, before membership and reminders read their statements
/// (Orleans initialises the membership table at <see cref="ServiceLifecycleStage.RuntimeGrainServices"/>).</summary>
internal sealed class PostgresSchemaStartup(string connectionString, ILogger<PostgresSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(PostgresSchemaStartup),
            ServiceLifecycleStage.RuntimeInitialize,
            cancellationToken => new PostgresSchemaInitializer(connectionString, logger).EnsureCreatedAsync(cancellationToken));
}
