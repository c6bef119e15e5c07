using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

internal sealed partial class EdgeNodeGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "Node {Node} joined again: install {Install} begins, everything is resent to it")]
        public static partial void InstallBegun(ILogger logger, string node, long install);

        [LoggerMessage(EventId = 3801, Level = LogLevel.Information, Message = "Node {Node}: everything resent to install {Install}")]
        public static partial void Resynced(ILogger logger, string node, long install);

        [LoggerMessage(EventId = 3802, Level = LogLevel.Warning, Message = "Node {Node}: resending to install {Install} failed; retrying in {Delay}")]
        public static partial void ResyncFailed(ILogger logger, string node, long install, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 3803, Level = LogLevel.Warning, Message = "Node {Node}: registering the reminder that retries the resync of install {Install} failed")]
        public static partial void ReminderFailed(ILogger logger, string node, long install, Exception exception);
    }
}
