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

        [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Releasing the old node of device {Device} failed")]
        public static partial void ReleaseFailed(ILogger logger, string device, Exception exception);

        [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Device {Device} settles {Count} downstream push(es) or model check(s) a crash or failure left pending")]
        public static partial void Resending(ILogger logger, string device, int count);

        [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Clearing the pushes of device {Device} that its nodes accepted failed; they will be pushed again")]
        public static partial void ClearPendingFailed(ILogger logger, string device, Exception exception);

        [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "Bringing the user set of model {Model} in line with device {Device} failed; the check stays owed")]
        public static partial void ModelCheckFailed(ILogger logger, string device, string model, Exception exception);
    }
}
