using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>What the tests ask of the process table.</summary>
internal static class Processes
{
    /// <summary>True when <paramref name="pid"/> exists and has not exited (a zombie has).</summary>
    public static bool IsAlive(int pid) => ProcessTable.TryRead(pid, out var entry) && !entry.IsZombie;

    /// <summary>Live processes whose session or process group is <paramref name="leader"/>.</summary>
    public static List<ProcEntry> InSessionOrGroup(int leader) =>
        [.. ProcessTable.Snapshot().Where(e => (e.Session == leader || e.ProcessGroup == leader) && !e.IsZombie)];

    public static void Kill(int pid, int signal)
    {
        if (Libc.Signal(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed");
        }
    }
}
