using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Membership;

internal sealed partial class MembershipService
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Silo {Silo} is joining the cluster")]
    private static partial void LogJoining(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Silo {Silo} joined; view version {Version} has {ActiveCount} active silos")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, long version, int activeCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Declared old incarnation {OldSilo} dead: {Silo} now runs on its endpoint")]
    private static partial void LogOldIncarnationDeclaredDead(ILogger logger, SiloAddress oldSilo, SiloAddress silo);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Membership write '{Operation}' for {Silo} lost a race; re-reading")]
    private static partial void LogWriteConflict(ILogger logger, string operation, SiloAddress silo);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Silo {Silo} sees membership version {Version} with {ActiveCount} active silos")]
    private static partial void LogViewChanged(ILogger logger, SiloAddress silo, long version, int activeCount);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Membership {Loop} round of {Silo} failed; retrying next period")]
    private static partial void LogLoopRoundFailed(ILogger logger, Exception exception, string loop, SiloAddress silo);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "A membership subscriber of {Silo} threw")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Critical, Message = "Silo {Silo} read its own row as dead; it must stop")]
    private static partial void LogSelfDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Silo {Silo} is leaving the cluster")]
    private static partial void LogLeaving(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Telling peers about a membership change of {Silo} failed")]
    private static partial void LogGossipFailed(ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Silo {Target} answered again after {Missed} missed probes")]
    private static partial void LogProbeAnsweredAgain(ILogger logger, SiloAddress target, int missed);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Silo {Target} missed probe {Missed} of {Limit}")]
    private static partial void LogProbeMissed(ILogger logger, SiloAddress target, int missed, int limit);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Debug, Message = "Probe of {Target} failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, SiloAddress target);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Voted {Target} dead: {Votes} of {Needed} votes")]
    private static partial void LogVoted(ILogger logger, SiloAddress target, int votes, int needed);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Declared {Target} dead with {Votes} votes")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress target, int votes);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Voting {Target} dead failed; trying again at the next missed probe")]
    private static partial void LogVoteFailed(ILogger logger, Exception exception, SiloAddress target);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Warning, Message = "Gave up voting {Target} dead after {Attempts} conflicting writes; trying again at the next missed probe")]
    private static partial void LogVoteAbandoned(ILogger logger, SiloAddress target, int attempts);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Warning, Message = "Declared {Silo} dead: stuck in {Status} since its last heartbeat at {IAmAlive}")]
    private static partial void LogStuckSiloDeclaredDead(ILogger logger, SiloAddress silo, SiloStatus status, DateTimeOffset iAmAlive);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Membership table unreachable from {Silo}: heartbeats and view refreshes are retried every period; the current view and failure detection stay in force")]
    private static partial void LogTableUnreachable(ILogger logger, Exception exception, SiloAddress silo);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Membership table reachable again from {Silo} after {Duration} ({Failures} failed rounds)")]
    private static partial void LogTableReachableAgain(ILogger logger, SiloAddress silo, TimeSpan duration, int failures);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Debug, Message = "Membership {Loop} round of {Silo} failed again; the table is still unreachable")]
    private static partial void LogTableRoundFailedAgain(ILogger logger, Exception exception, string loop, SiloAddress silo);
}
