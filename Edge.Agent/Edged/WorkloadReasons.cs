namespace EdgeHive.Edge.Agent.Edged;

/// <summary>The values of <see cref="WorkloadStatus.Reason"/>, stable words a client may match on.</summary>
public static class WorkloadReasons
{
    /// <summary>The node was not started with <c>--workloads DIR</c>: it runs no processes.</summary>
    public const string WorkloadsDisabled = "WorkloadsDisabled";

    /// <summary>The spec is malformed (names, limits); the message lists the problems.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The executable or working directory resolves outside the workloads directory (<c>..</c>, an absolute path elsewhere, a symlink escape).</summary>
    public const string OutsideWorkloadsDirectory = "OutsideWorkloadsDirectory";

    /// <summary>The executable does not exist (yet), is not a regular file, or is not executable; retried per the restart policy.</summary>
    public const string ExecutableNotFound = "ExecutableNotFound";

    /// <summary>The process could not be started for another reason (the message says which); retried per the restart policy.</summary>
    public const string StartFailed = "StartFailed";

    /// <summary>Waiting out the back-off before the next start.</summary>
    public const string CrashLoopBackOff = "CrashLoopBackOff";

    /// <summary>Exited with code 0 (Succeeded, or about to be started again under <see cref="RestartPolicy.Always"/>).</summary>
    public const string Completed = "Completed";

    /// <summary>Exited with a non-zero code or was ended by a signal.</summary>
    public const string Error = "Error";

    /// <summary>Waiting for the previous process to stop before the new spec starts.</summary>
    public const string Stopping = "Stopping";
}
