namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// What the agent writes beside a running workload's logs (<c>run.json</c>) so that the next agent process can end it
/// if this one dies first: the main process, named without ambiguity by pid, start ticks and boot id.
/// </summary>
/// <param name="Pid">Main process id (also its process group and session id).</param>
/// <param name="StartTicks">Its start time in clock ticks after boot (<c>/proc/{pid}/stat</c> field 22).</param>
/// <param name="BootId">The boot it ran in.</param>
/// <param name="StopGracePeriodSeconds">The workload's grace period, honoured when the leftover is ended.</param>
internal sealed record RunRecord(int Pid, ulong StartTicks, string BootId, int StopGracePeriodSeconds)
{
    /// <summary>The file's name in the workload's directory.</summary>
    public const string FileName = "run.json";
}
