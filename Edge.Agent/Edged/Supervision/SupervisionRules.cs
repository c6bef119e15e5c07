using System.Globalization;

namespace EdgeHive.Edge.Agent.Edged.Supervision;

/// <summary>
/// The supervisor's decisions, pure: whether a run that ended is started again, after how long, and in which phase
/// the workload waits. No clock, no processes; the supervisor feeds in what happened.
/// </summary>
public static class SupervisionRules
{
    /// <summary>Whether <paramref name="policy"/> starts a workload again after an exit with <paramref name="exitCode"/> (null = it did not start).</summary>
    public static bool ShouldRestart(RestartPolicy policy, int? exitCode) => policy switch
    {
        RestartPolicy.Always => true,
        RestartPolicy.OnFailure => exitCode != 0,
        _ => false,
    };

    /// <summary>
    /// The wait before the next start after <paramref name="consecutiveExits"/> exits in a row: none after the first,
    /// then <see cref="SupervisorOptions.InitialBackoff"/> doubling up to <see cref="SupervisorOptions.MaxBackoff"/>.
    /// </summary>
    public static TimeSpan Backoff(int consecutiveExits, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (consecutiveExits <= 1)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(consecutiveExits - 2, 30);
        var ticks = Math.Min(options.InitialBackoff.Ticks * (1L << doublings), options.MaxBackoff.Ticks);
        return TimeSpan.FromTicks(ticks < 0 ? options.MaxBackoff.Ticks : ticks);
    }

    /// <summary>
    /// Decides what follows a run that ended with <paramref name="exitCode"/> (null: the process could not be started)
    /// after <paramref name="ranFor"/>, with <paramref name="consecutiveExits"/> exits in a row before it.
    /// </summary>
    public static ExitDecision OnExit(RestartPolicy policy, int? exitCode, int consecutiveExits, TimeSpan ranFor, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exits = ranFor >= options.BackoffResetAfter ? 1 : consecutiveExits + 1;
        if (!ShouldRestart(policy, exitCode))
        {
            return new ExitDecision(exitCode == 0 ? WorkloadPhase.Succeeded : WorkloadPhase.Failed, null, exits);
        }

        var delay = Backoff(exits, options);
        return new ExitDecision(delay > TimeSpan.Zero ? WorkloadPhase.CrashLoopBackOff : WorkloadPhase.Pending, delay, exits);
    }

    /// <summary>Whether moving from <paramref name="running"/> to <paramref name="next"/> needs a new process (anything else applies in place).</summary>
    public static bool NeedsRestart(WorkloadSpec running, WorkloadSpec next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        return !running.Process.Equals(next.Process);
    }

    /// <summary>The status reason for an exit code.</summary>
    public static string ExitReason(int exitCode) => exitCode == 0 ? WorkloadReasons.Completed : WorkloadReasons.Error;

    /// <summary>A sentence for an exit code, naming the signal when the code is 128 + a signal's number.</summary>
    public static string DescribeExit(int exitCode)
    {
        var signal = (exitCode - 128) switch
        {
            1 => "SIGHUP",
            2 => "SIGINT",
            3 => "SIGQUIT",
            6 => "SIGABRT",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            _ => null,
        };
        var code = exitCode.ToString(CultureInfo.InvariantCulture);
        return signal is null ? $"exited with code {code}" : $"exited with code {code} (killed by {signal})";
    }
}
