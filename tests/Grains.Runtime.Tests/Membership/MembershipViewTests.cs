using EdgeHive.Grains.Runtime.Membership;

namespace EdgeHive.Grains.Runtime.Tests.Membership;

public class MembershipViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static MembershipRow Row(string host, int port, long generation, SiloStatus status) =>
        new(new MembershipEntry(new SiloAddress(host, port, generation), "s", status, 1, Now, Now, []), "e");

    [Fact]
    public void Active_silos_are_sorted_by_host_port_and_generation_whatever_the_row_order()
    {
        MembershipRow[] rows =
        [
            Row("b", 1, 1, SiloStatus.Active),
            Row("a", 2, 1, SiloStatus.Active),
            Row("a", 1, 2, SiloStatus.Active),
            Row("a", 1, 1, SiloStatus.Active),
            Row("a", 0, 1, SiloStatus.Dead),
            Row("c", 0, 1, SiloStatus.Joining),
        ];

        var forward = MembershipView.FromSnapshot(new MembershipSnapshot(7, rows));
        var backward = MembershipView.FromSnapshot(new MembershipSnapshot(7, rows.Reverse().ToArray()));

        string[] expected = ["a:1@1", "a:1@2", "a:2@1", "b:1@1"];
        Assert.Equal(expected, forward.ActiveSilos.Select(s => s.ToString()));
        Assert.Equal(expected, backward.ActiveSilos.Select(s => s.ToString()));
        Assert.Equal(7, forward.Version);
        Assert.Equal(6, forward.Entries.Count);
    }

    [Fact]
    public void Status_lookups_distinguish_active_other_states_and_unknown_silos()
    {
        var view = MembershipView.FromSnapshot(new MembershipSnapshot(
            3, [Row("a", 1, 1, SiloStatus.Active), Row("a", 2, 1, SiloStatus.ShuttingDown)]));

        Assert.True(view.IsActive(new SiloAddress("a", 1, 1)));
        Assert.False(view.IsActive(new SiloAddress("a", 2, 1)));
        Assert.Equal(SiloStatus.ShuttingDown, view.GetStatus(new SiloAddress("a", 2, 1)));
        Assert.Null(view.GetStatus(new SiloAddress("a", 1, 2)));
        Assert.False(view.IsActive(new SiloAddress("a", 1, 2)));
    }

    [Fact]
    public void The_empty_view_is_older_than_any_table()
    {
        Assert.True(MembershipView.Empty.Version < 0);
        Assert.Empty(MembershipView.Empty.ActiveSilos);
    }
}
