using System.Globalization;

namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// Reads Linux' process table under <c>/proc</c>: one process, or all of them, and which of them belong to a run.
/// The parsing and membership rules are pure and tested on their own.
/// </summary>
internal static class ProcessTable
{
    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    /// <summary>This boot's id: start ticks name a process only within one boot.</summary>
    public static string BootId() => File.ReadAllText(BootIdPath).Trim();

    /// <summary>Reads <c>/proc/{pid}/stat</c>; false when the process does not exist (any more).</summary>
    public static bool TryRead(int pid, out ProcEntry entry)
    {
        entry = default;
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return TryParse(line, out entry);
    }

    /// <summary>Every process visible now. Processes that end while being read are left out.</summary>
    public static List<ProcEntry> Snapshot()
    {
        var entries = new List<ProcEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir.AsSpan());
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryRead(pid, out var entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>
    /// Parses a <c>stat</c> line. The command name sits in parentheses and may itself hold spaces and parentheses, so
    /// the fields are counted from the last <c>)</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> line, out ProcEntry entry)
    {
        entry = default;
        var open = line.IndexOf('(');
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line[..open].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        // After ")": state(3) ppid(4) pgrp(5) session(6) … starttime(22), numbered as in proc(5).
        Span<Range> fields = stackalloc Range[21];
        var rest = line[(close + 1)..].Trim();
        if (rest.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) < 20)
        {
            return false;
        }

        if (rest[fields[0]].Length != 1
            || !int.TryParse(rest[fields[1]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(rest[fields[2]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pgrp)
            || !int.TryParse(rest[fields[3]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var session)
            || !ulong.TryParse(rest[fields[19]], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        entry = new ProcEntry(pid, ppid, pgrp, session, rest[fields[0]][0], start);
        return true;
    }

    /// <summary>
    /// The live processes of the run whose main process was <paramref name="leader"/> (which Edged made a session and
    /// process-group leader): the leader, everything in its session or process group, and every descendant of those
    /// by parent id, which catches a child that moved to a session of its own while its parent still belongs to the
    /// run. Zombies are left out: they have ended already. A process that left the session and whose parent ended too
    /// cannot be told apart from any other process; only cgroups could follow it.
    /// When <paramref name="leaderStartTicks"/> is known and a process with the leader's pid started at another time,
    /// the pid was reused: Linux reuses a pid only once no session or group carries it, so nothing of the run is left.
    /// </summary>
    public static List<int> MembersOf(IReadOnlyList<ProcEntry> snapshot, int leader, ulong leaderStartTicks = 0)
    {
        var members = new HashSet<int>();
        foreach (var entry in snapshot)
        {
            if (entry.Pid == leader && leaderStartTicks != 0 && entry.StartTicks != leaderStartTicks)
            {
                return [];
            }

            if (entry.Pid == leader || entry.Session == leader || entry.ProcessGroup == leader)
            {
                members.Add(entry.Pid);
            }
        }

        // Descendants by parent id, to a fixed point (the table is small; each pass is linear).
        bool added;
        do
        {
            added = false;
            foreach (var entry in snapshot)
            {
                if (!members.Contains(entry.Pid) && members.Contains(entry.ParentPid) && entry.ParentPid > 1)
                {
                    members.Add(entry.Pid);
                    added = true;
                }
            }
        }
        while (added);

        var live = new List<int>(members.Count);
        foreach (var entry in snapshot)
        {
            if (members.Contains(entry.Pid) && !entry.IsZombie)
            {
                live.Add(entry.Pid);
            }
        }

        return live;
    }
}
