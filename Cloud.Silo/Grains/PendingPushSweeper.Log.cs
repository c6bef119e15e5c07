using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

internal sealed partial class PendingPushSweeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3310, Level = LogLevel.Information, Message = "Poked {Count} device(s) that owe a downstream push or a model check (node {Node})")]
        public static partial void Poked(ILogger logger, int count, string node);

        [LoggerMessage(EventId = 3311, Level = LogLevel.Warning, Message = "Sweeping devices with pending downstream pushes or model checks failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
