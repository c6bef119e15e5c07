using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Clustering.Postgres;

internal sealed partial class PostgresSchemaInitializer
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Cluster database {Database} holds the Orleans schema {Version}")]
    private static partial void LogUpToDate(ILogger logger, string database, string version);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Cluster database {Database}: Orleans schema {Version} applied (found {Previous})")]
    private static partial void LogCreated(ILogger logger, string database, string version, string previous);
}
