using EdgeHive.Cloud.Clustering.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace EdgeHive.Cloud.Clustering;

/// <summary>Orleans reminders in one SQLite file, for the single-silo embedded default.</summary>
public static class SqliteReminderExtensions
{
    /// <summary>
    /// Adds Orleans' reminder service with its table in the SQLite file at <paramref name="path"/> (created with its
    /// directory if missing; WAL). Reminders survive a restart of the silo on the same file. The file may be shared
    /// with other EdgeHive tables; writers of this process take turns per file.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="path">Path of the SQLite file.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Orleans refuses reminder periods under <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default); set
    /// it with <c>builder.Configure&lt;ReminderOptions&gt;(o =&gt; o.MinimumReminderPeriod = ...)</c> for shorter ones.
    /// </remarks>
    public static ISiloBuilder UseEdgeHiveSqliteReminders(this ISiloBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(
            path,
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return builder;
    }
}
