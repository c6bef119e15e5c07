using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Catalog;

internal static partial class TimerLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Timer callback of {GrainId} failed")]
    public static partial void TickFailed(ILogger logger, GrainId grainId, Exception exception);
}
