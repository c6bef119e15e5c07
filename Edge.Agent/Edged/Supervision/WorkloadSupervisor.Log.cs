using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Edged.Supervision;

public sealed partial class WorkloadSupervisor
{
    [LoggerMessage(EventId = 9030, Level = LogLevel.Warning, Message = "Ended {Count} workload runs left running by an earlier agent process; their workloads start afresh")]
    private partial void LogLeftoversEnded(int count);

    [LoggerMessage(EventId = 9031, Level = LogLevel.Information, Message = "Workload {Key}: process {Pid} exited with code {ExitCode}; now {Phase}, next start in {RestartAfter}")]
    private partial void LogRunEnded(WorkloadKey key, int pid, int exitCode, WorkloadPhase phase, TimeSpan? restartAfter);

    [LoggerMessage(EventId = 9032, Level = LogLevel.Error, Message = "Workload {Key}: stopping process {Pid} failed")]
    private partial void LogStopFailed(Exception exception, WorkloadKey key, int pid);

    [LoggerMessage(EventId = 9033, Level = LogLevel.Warning, Message = "Workload {Key}: its files could not be removed")]
    private partial void LogRemoveFailed(Exception exception, WorkloadKey key);

    [LoggerMessage(EventId = 9034, Level = LogLevel.Error, Message = "Workload {Key}: the status sink failed")]
    private partial void LogSinkFailed(Exception exception, WorkloadKey key);
}
