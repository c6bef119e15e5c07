using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Tests.Edged;

public sealed class ProcessTableTests
{
    private const string Tail = " 0 0 0 0 0 0 0 0 20 0 1 0 {0} 1000 100 18446744073709551615";

    private static string Line(int pid, string comm, char state, int ppid, int pgrp, int session, ulong start) =>
        $"{pid} ({comm}) {state} {ppid} {pgrp} {session} 0 -1 4194560" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Tail, start);

    [Fact]
    public void Stat_lines_parse_even_with_spaces_and_parentheses_in_the_name()
    {
        Assert.True(ProcessTable.TryParse(Line(4242, "my (odd) app", 'S', 1, 4242, 4242, 987654), out var entry));
        Assert.Equal(new ProcEntry(4242, 1, 4242, 4242, 'S', 987654), entry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (x")]
    [InlineData("x (sh) S 1 1 1")]
    [InlineData("12 (sh) S 1 1 1 0")]
    public void Malformed_stat_lines_are_rejected(string line) => Assert.False(ProcessTable.TryParse(line, out _));

    [Fact]
    public void Our_own_stat_line_parses()
    {
        Assert.True(ProcessTable.TryRead(Environment.ProcessId, out var self));
        Assert.Equal(Environment.ProcessId, self.Pid);
        Assert.True(self.StartTicks > 0);
    }

    [Fact]
    public void Members_are_the_session_the_group_and_their_descendants_but_no_zombies()
    {
        ProcEntry[] table =
        [
            new(100, 1, 100, 100, 'S', 5),   // leader
            new(101, 100, 100, 100, 'S', 6), // child in the group
            new(102, 101, 102, 100, 'S', 7), // own group, same session
            new(103, 102, 103, 103, 'S', 8), // own session, parent is a member
            new(104, 103, 104, 104, 'R', 9), // its child
            new(105, 100, 100, 100, 'Z', 9), // zombie
            new(200, 1, 200, 200, 'S', 3),   // stranger
            new(201, 1, 100, 201, 'S', 4),   // stranger sharing nothing but a group number is still in the group
        ];
        Assert.Equal([100, 101, 102, 103, 104, 201], ProcessTable.MembersOf(table, 100).Order());
    }

    [Fact]
    public void A_reused_leader_pid_means_the_run_is_gone()
    {
        ProcEntry[] table = [new(100, 1, 100, 100, 'S', 99)];
        Assert.Empty(ProcessTable.MembersOf(table, 100, leaderStartTicks: 5));
        Assert.Equal([100], ProcessTable.MembersOf(table, 100, leaderStartTicks: 99));
    }

    [Fact]
    public void Orphans_of_a_dead_leader_still_belong_to_its_run()
    {
        ProcEntry[] table = [new(101, 1, 100, 100, 'S', 6)];
        Assert.Equal([101], ProcessTable.MembersOf(table, 100, leaderStartTicks: 5));
    }
}
