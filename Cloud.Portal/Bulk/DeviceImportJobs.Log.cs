using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Bulk;

internal sealed partial class DeviceImportJobs
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Device import {Job} started by {User}: {FileName}, {Bytes} bytes")]
        public static partial void ImportStarted(ILogger logger, string job, string user, string fileName, int bytes);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Device import {Job} refused: {Reason}")]
        public static partial void ImportRefused(ILogger logger, string job, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Device import {Job} finished: {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
        public static partial void ImportFinished(ILogger logger, string job, int created, int updated, int unchanged, int failed);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Device import {Job} stopped")]
        public static partial void ImportCrashed(ILogger logger, Exception exception, string job);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Device bulk edit {Job} started by {User}: {Title}")]
        public static partial void EditStarted(ILogger logger, string job, string user, string title);

        [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Device bulk edit {Job} finished: {Updated} updated, {Deleted} deleted, {Unchanged} unchanged, {Failed} failed")]
        public static partial void EditFinished(ILogger logger, string job, int updated, int deleted, int unchanged, int failed);
    }
}
