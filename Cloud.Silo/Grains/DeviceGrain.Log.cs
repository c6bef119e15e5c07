using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

internal sealed partial class DeviceGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3300, Level = LogLevel.Warning, Message = "Undoing a call for device {Device} after a failed write failed")]
        public static partial void UndoFailed(ILogger logger, string device, Exception exception);

        [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Queueing device {Device} for node {Node} failed")]
        public static partial void QueueFailed(ILogger logger, string device, string node, Exception exception);

        [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Releasing the old model or node of device {Device} failed")]
        public static partial void ReleaseFailed(ILogger logger, string device, Exception exception);
    }
}
