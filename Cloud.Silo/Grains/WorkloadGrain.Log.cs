using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Grains;

internal sealed partial class WorkloadGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Queueing workload {Workload} for node {Node} failed; it stays owed")]
        public static partial void PushFailed(ILogger logger, string workload, string node, Exception exception);

        [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Clearing the delivered messages of workload {Workload} failed; they are pushed again")]
        public static partial void ClearFailed(ILogger logger, string workload, Exception exception);

        [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Updating the reconcile reminder of workload {Workload} failed")]
        public static partial void ReminderFailed(ILogger logger, string workload, Exception exception);

        [LoggerMessage(EventId = 3703, Level = LogLevel.Information, Message = "Workload {Workload} placed again by its node selector: {Count} node(s)")]
        public static partial void Replacing(ILogger logger, string workload, int count);

        [LoggerMessage(EventId = 3704, Level = LogLevel.Information, Message = "Workload {Workload} resent to node {Node}, re-installed as install {Install}")]
        public static partial void Resyncing(ILogger logger, string workload, string node, long install);
    }
}
