namespace EdgeHive.Edge.Agent.Edged.Supervision;

/// <summary>What follows the end of a run (or a failed start).</summary>
/// <param name="Phase">The workload's phase now: Succeeded or Failed when it ends for good, CrashLoopBackOff while it
/// waits to restart, Pending when it restarts at once.</param>
/// <param name="RestartAfter">When to start again, from now; null when it ends for good.</param>
/// <param name="ConsecutiveExits">Exits in a row so far, including this one (the input of the next back-off).</param>
public readonly record struct ExitDecision(WorkloadPhase Phase, TimeSpan? RestartAfter, int ConsecutiveExits);
