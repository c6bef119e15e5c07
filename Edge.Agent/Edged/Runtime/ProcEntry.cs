namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>One line of <c>/proc/{pid}/stat</c>, the fields Edged uses.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="ParentPid">Parent process id.</param>
/// <param name="ProcessGroup">Process group id.</param>
/// <param name="Session">Session id.</param>
/// <param name="State">State letter (R, S, D, Z, T, …).</param>
/// <param name="StartTicks">Start time in clock ticks after boot: with the pid, it names a process uniquely within one boot.</param>
internal readonly record struct ProcEntry(int Pid, int ParentPid, int ProcessGroup, int Session, char State, ulong StartTicks)
{
    /// <summary>A zombie has exited and only waits to be reaped: it runs nothing and holds nothing.</summary>
    public bool IsZombie => State is 'Z' or 'X';
}
