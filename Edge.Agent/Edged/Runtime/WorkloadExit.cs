namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>How a run ended.</summary>
/// <param name="ExitCode">Exit code of the main process; 128 + the signal number when a signal ended it (137 = SIGKILL).</param>
/// <param name="FinishedAt">When the main process exited.</param>
public sealed record WorkloadExit(int ExitCode, DateTimeOffset FinishedAt);
