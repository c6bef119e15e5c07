using EdgeHive.Cloud.Clustering.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;
using Orleans.Runtime.Membership;

namespace EdgeHive.Cloud.Clustering;

/// <summary>Orleans clustering and reminders on PostgreSQL, with the schema EdgeHive owns.</summary>
public static class PostgresClusteringExtensions
{
    /// <summary>
    /// Membership (<c>Microsoft.Orleans.Clustering.AdoNet</c>) and reminders (<c>Microsoft.Orleans.Reminders.AdoNet</c>)
    /// on PostgreSQL, invariant <c>Npgsql</c>. At silo start, before membership reads the database, the schema is
    /// created or checked (<see cref="OrleansPostgresSchema.EnsureCreatedAsync"/>); several silos may start at once on
    /// an empty database.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">Npgsql connection string of the cluster database (the database must exist).</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Orleans refuses reminder periods under <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default). For
    /// shorter backstops: <c>builder.Configure&lt;ReminderOptions&gt;(o =&gt; o.MinimumReminderPeriod = TimeSpan.FromSeconds(10))</c>.
    /// Each firing is a grain call, and each registration a row write, so keep them coarse.
    /// </remarks>
    public static ISiloBuilder UseEdgeHivePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new PostgresSchemaStartup(connectionString, sp.GetRequiredService<ILogger<PostgresSchemaInitializer>>()));
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = OrleansPostgresSchema.Invariant;
            options.ConnectionString = connectionString;
        });
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = OrleansPostgresSchema.Invariant;
            options.ConnectionString = connectionString;
        });
        return builder;
    }

    /// <summary>
    /// The gateway list of a cluster client (for example the standalone portal) from the cluster's PostgreSQL
    /// membership table: the gateways of the silos that are Active. Creates the schema if no silo has yet, so the
    /// client may start first.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">Npgsql connection string of the cluster database.</param>
    /// <returns>The builder.</returns>
    public static IClientBuilder UseEdgeHivePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = OrleansPostgresSchema.Invariant;
            options.ConnectionString = connectionString;
        });
        builder.Services.RemoveAll<IGatewayListProvider>();
        builder.Services.AddSingleton<IGatewayListProvider>(sp => new SchemaEnsuringGatewayListProvider(
            ActivatorUtilities.CreateInstance<AdoNetGatewayListProvider>(sp),
            connectionString,
            sp.GetRequiredService<ILogger<PostgresSchemaInitializer>>()));
        return builder;
    }
}
