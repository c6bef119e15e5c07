using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Clustering.Sqlite;

internal sealed partial class SqliteReminderTable
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Reminders on SQLite {Path} (service {ServiceId})")]
    private static partial void LogStarted(ILogger logger, string path, string serviceId);
}
