namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// Signals a whole run (see <see cref="ProcessTable.MembersOf"/>) and waits for it to be gone. A run is named by its
/// leader's pid and start ticks (0 when unknown), so a reused pid is never mistaken for it.
/// </summary>
internal static class ProcessGroups
{
    /// <summary>First wait between reads of the process table while a run ends; each further wait is longer.</summary>
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest wait between reads: a run that takes its time to end costs a few scans a second.</summary>
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Sends <paramref name="signal"/> to every member of the run found in the process table (members outside the
    /// leader's group included) and to the leader's process group. Returns how many members were found.
    /// </summary>
    public static int Signal(int leader, ulong startTicks, int signal)
    {
        Guard(leader);
        var members = ProcessTable.MembersOf(ProcessTable.Snapshot(), leader, startTicks);
        if (members.Count == 0)
        {
            return 0;
        }

        // The group as a whole reaches a member forked after the snapshot; each pid reaches members outside the group,
        // and the leader itself in the instant before setsid(1) has made it a group leader.
        _ = Libc.Signal(-leader, signal);
        var self = Environment.ProcessId;
        foreach (var pid in members)
        {
            if (pid > 1 && pid != self)
            {
                _ = Libc.Signal(pid, signal);
            }
        }

        return members.Count;
    }

    /// <summary>True while any member of the run is alive in <paramref name="table"/>.</summary>
    public static bool AnyAlive(IReadOnlyList<ProcEntry> table, int leader, ulong startTicks) => ProcessTable.MembersOf(table, leader, startTicks).Count > 0;

    /// <summary>Waits until no member of the run is alive, or <paramref name="timeout"/>; true when the run is gone.</summary>
    public static async Task<bool> WaitGoneAsync(int leader, ulong startTicks, TimeSpan timeout, ProcessTableCache table, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var poll = FirstPoll;
        while (AnyAlive(table.Get(), leader, startTicks))
        {
            var left = timeout - time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(left < poll ? left : poll, time, cancellationToken).ConfigureAwait(false);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, MaxPoll.Ticks));
        }

        return true;
    }

    /// <summary>
    /// Ends the run: SIGTERM to every member, up to <paramref name="gracePeriod"/> for them to go, then SIGKILL to
    /// whatever is left and up to <paramref name="killTimeout"/> for that to take effect (a process in uninterruptible
    /// sleep dies only when its I/O returns). True when nothing is left.
    /// </summary>
    public static async Task<bool> TerminateAsync(
        int leader, ulong startTicks, TimeSpan gracePeriod, TimeSpan killTimeout, ProcessTableCache table, TimeProvider time, CancellationToken cancellationToken)
    {
        if (gracePeriod > TimeSpan.Zero && Signal(leader, startTicks, Libc.SigTerm) > 0
            && await WaitGoneAsync(leader, startTicks, gracePeriod, table, time, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        Signal(leader, startTicks, Libc.SigKill);
        return await WaitGoneAsync(leader, startTicks, killTimeout, table, time, cancellationToken).ConfigureAwait(false);
    }

    private static void Guard(int leader)
    {
        // kill(-1) signals every process we may signal, kill(0) our own group: never let a bad pid get that far.
        if (leader <= 1 || leader == Environment.ProcessId)
        {
            throw new ArgumentOutOfRangeException(nameof(leader), leader, "not a workload's process");
        }
    }
}
