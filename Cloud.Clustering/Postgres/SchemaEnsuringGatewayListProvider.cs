using Microsoft.Extensions.Logging;
using Orleans.Messaging;

namespace EdgeHive.Cloud.Clustering.Postgres;

/// <summary>
/// Orleans' AdoNet gateway list, preceded by the schema check: a cluster client (the standalone portal) that starts
/// before any silo ever ran on the database finds an empty gateway list instead of a missing table.
/// </summary>
internal sealed class SchemaEnsuringGatewayListProvider(
    IGatewayListProvider inner,
    string connectionString,
    ILogger<PostgresSchemaInitializer> logger) : IGatewayListProvider
{
    public TimeSpan MaxStaleness => inner.MaxStaleness;

    // Obsolete in Orleans (every provider is updatable) but still part of the interface.
    [Obsolete("Orleans treats every gateway list provider as updatable.")]
    public bool IsUpdatable => true;

    public async Task InitializeGatewayListProvider()
    {
        await new PostgresSchemaInitializer(connectionString, logger).EnsureCreatedAsync(CancellationToken.None).ConfigureAwait(false);
        await inner.InitializeGatewayListProvider().ConfigureAwait(false);
    }

    public Task<IList<Uri>> GetGateways() => inner.GetGateways();
}
