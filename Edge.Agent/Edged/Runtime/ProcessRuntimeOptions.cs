namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>Settings of the <see cref="ProcessRuntime"/>.</summary>
public sealed class ProcessRuntimeOptions
{
    /// <summary>
    /// The directory whose executables this node may run (<c>--workloads DIR</c>). Null (the default) disables
    /// workloads: every spec is refused with <see cref="WorkloadReasons.WorkloadsDisabled"/>.
    /// </summary>
    public string? WorkloadsDirectory { get; set; }

    /// <summary>Where the runtime keeps each workload's log files and run record (under the agent's data directory).</summary>
    public required string StateDirectory { get; set; }

    /// <summary>Size at which a log file is rotated. Default 1 MiB.</summary>
    public long MaxLogFileBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Log files kept per workload, the current one included. Default 3, so a workload's logs never take more than
    /// 3 × <see cref="MaxLogFileBytes"/> = 3 MiB, however much it writes.
    /// </summary>
    public int MaxLogFiles { get; set; } = 3;

    /// <summary>Longest line kept whole; longer ones are stored in pieces (CRI <c>P</c> records). Default 16 KiB, as containerd.</summary>
    public int MaxLogLineBytes { get; set; } = 16 * 1024;

    /// <summary>Most lines one log request returns. Default 10 000.</summary>
    public int MaxLogTailLines { get; set; } = 10_000;

    /// <summary>Most text one log request returns; older lines are dropped first. Default 512 KiB (it must fit one protocol frame).</summary>
    public int MaxLogTailBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// util-linux' <c>setsid</c>, through which each workload starts in a session and process group of its own
    /// (.NET's <see cref="System.Diagnostics.Process"/> cannot run code between fork and exec). Default <c>/usr/bin/setsid</c>.
    /// </summary>
    public string SetsidPath { get; set; } = "/usr/bin/setsid";

    /// <summary><c>PATH</c> of a workload unless its spec sets one. The agent's own environment is not passed on.</summary>
    public string DefaultPath { get; set; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>After SIGKILL, how long to wait for a run's processes to disappear before giving up on them (with a warning). Default 10 s.</summary>
    public TimeSpan KillTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a run ended, how long to keep reading output its pipes still hold. Default 2 s.</summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws when a setting is out of range: the agent refuses to start rather than run with it.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(StateDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogLineBytes, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogFileBytes, 2L * (MaxLogLineBytes + CriLogFormat.HeaderLength + 1));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogFiles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogTailLines, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLogTailBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(KillTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(OutputDrainTimeout, TimeSpan.Zero);
        if (WorkloadsDirectory is not null && !Directory.Exists(WorkloadsDirectory))
        {
            throw new DirectoryNotFoundException($"The workloads directory '{WorkloadsDirectory}' does not exist.");
        }

        if (WorkloadsDirectory is not null && !File.Exists(SetsidPath))
        {
            throw new FileNotFoundException($"'{SetsidPath}' (util-linux) is needed to run workloads in process groups of their own.", SetsidPath);
        }
    }
}
