using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>A node's <c>workload.status</c> report into its workload grain. Acknowledged once the grain persisted it, and
/// also when the workload no longer exists (nothing is waiting for it); a report the cloud cannot read is refused for
/// good (400) so it leaves the node's outbox.</summary>
internal static class WorkloadStatusUpstream
{
    /// <summary>Longest reason kept; longer ones are cut (a report is never refused for its words).</summary>
    public const int MaxReasonLength = 128;

    /// <summary>Longest message kept.</summary>
    public const int MaxMessageLength = 1024;

    public static async Task<UpstreamOutcome> HandleAsync(global::Orleans.IGrainFactory grains, string nodeName, WorkloadStatusReport report)
    {
        if (!ResourceKey.TryCreate(report.Namespace, report.Name, out var key, out var keyError))
        {
            return UpstreamOutcome.Error(ErrorCodes.BadRequest, "workload " + keyError);
        }

        if (!Enum.TryParse<WorkloadPhase>(report.Phase, ignoreCase: false, out var phase) || !Enum.IsDefined(phase) || int.TryParse(report.Phase, out _))
        {
            return UpstreamOutcome.Error(ErrorCodes.BadRequest, $"phase '{report.Phase}' is not Pending, Running, Succeeded, Failed or CrashLoopBackOff");
        }

        var update = new WorkloadStatusUpdate(
            report.Sequence,
            report.ObservedGeneration,
            phase,
            Cut(report.Reason, MaxReasonLength),
            Cut(report.Message, MaxMessageLength),
            report.Pid,
            report.Restarts,
            report.LastExitCode,
            Time(report.StartedAt),
            Time(report.FinishedAt));
        var result = await grains.GetGrain<IWorkloadGrain>(key.ToString()).ReportStatus(nodeName, update);
        return result.Status == OperationStatus.NotFound ? UpstreamOutcome.Acknowledge : UpstreamHandler.FromStatus(result.Status, result.Message);
    }

    private static string? Cut(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;

    private static DateTimeOffset? Time(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(ms, 0, 253402300799999)) : null;
}
