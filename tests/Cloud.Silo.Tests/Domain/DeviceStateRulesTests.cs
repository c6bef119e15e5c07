using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class DeviceStateRulesTests
{
    private static readonly DateTimeOffset T0 = Samples.T0;

    [Theory]
    [InlineData("online", DeviceState.Online)]
    [InlineData("offline", DeviceState.Offline)]
    [InlineData("ok", DeviceState.Ok)]
    [InlineData("unknown", DeviceState.Unknown)]
    [InlineData("unhealthy", DeviceState.Unhealthy)]
    [InlineData(" ONLINE ", DeviceState.Online)]
    public void Kubeedge_state_words_parse(string text, DeviceState expected)
    {
        Assert.True(DeviceStateRules.TryParse(text, out var state));
        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("up")]
    [InlineData("1")]
    public void Other_words_are_refused(string? text) => Assert.False(DeviceStateRules.TryParse(text, out _));

    [Theory]
    [InlineData(DeviceState.Online, true)]
    [InlineData(DeviceState.Ok, true)]
    [InlineData(DeviceState.Unhealthy, true)]
    [InlineData(DeviceState.Offline, false)]
    [InlineData(DeviceState.Unknown, false)]
    public void Reachable_states_move_last_online_time(DeviceState state, bool moves)
    {
        var decision = DeviceStateRules.Apply(DeviceStatus.Initial, state, T0, T0.AddMinutes(1));

        Assert.True(decision.Changed);
        Assert.Equal(state, decision.State);
        Assert.Equal(T0, decision.StateTime);
        Assert.Equal(moves ? T0 : null, decision.LastOnlineTime);
    }

    [Fact]
    public void Going_offline_keeps_the_last_online_time()
    {
        var online = Status(DeviceState.Online, T0, T0);

        var decision = DeviceStateRules.Apply(online, DeviceState.Offline, T0.AddMinutes(5), T0.AddMinutes(5));

        Assert.Equal(DeviceState.Offline, decision.State);
        Assert.Equal(T0, decision.LastOnlineTime);
    }

    [Fact]
    public void Older_observation_is_ignored()
    {
        var current = Status(DeviceState.Offline, T0.AddMinutes(5), T0);

        var decision = DeviceStateRules.Apply(current, DeviceState.Online, T0.AddMinutes(1), T0.AddMinutes(6));

        Assert.False(decision.Changed);
        Assert.Equal(DeviceState.Offline, decision.State);
        Assert.Contains("stale", decision.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_observation_twice_is_a_duplicate()
    {
        var current = Status(DeviceState.Online, T0, T0);

        var decision = DeviceStateRules.Apply(current, DeviceState.Online, T0, T0);

        Assert.False(decision.Changed);
        Assert.Contains("duplicate", decision.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_from_an_edge_clock_ahead_is_capped_at_now()
    {
        var now = T0;

        var decision = DeviceStateRules.Apply(DeviceStatus.Initial, DeviceState.Online, T0.AddHours(2), now);

        Assert.Equal(now, decision.StateTime);
        Assert.Equal(now, decision.LastOnlineTime);
    }

    [Fact]
    public void Undefined_state_is_ignored()
    {
        var decision = DeviceStateRules.Apply(DeviceStatus.Initial, (DeviceState)77, T0, T0);

        Assert.False(decision.Changed);
        Assert.NotNull(decision.IgnoredReason);
    }

    [Theory]
    [InlineData(DeviceState.Online, true, NodeStatus.Online, DeviceState.Online)]
    [InlineData(DeviceState.Online, true, NodeStatus.Offline, DeviceState.Unknown)]
    [InlineData(DeviceState.Offline, true, NodeStatus.Unknown, DeviceState.Unknown)]
    [InlineData(DeviceState.Online, false, NodeStatus.Online, DeviceState.Unknown)]
    [InlineData(DeviceState.Unhealthy, true, NodeStatus.Online, DeviceState.Unhealthy)]
    public void Shown_state_is_unknown_while_the_node_is_not_connected(DeviceState stored, bool bound, NodeStatus node, DeviceState expected) =>
        Assert.Equal(expected, DeviceStateRules.Effective(stored, bound, node));

    private static DeviceStatus Status(DeviceState state, DateTimeOffset at, DateTimeOffset? lastOnline) =>
        DeviceStatus.Initial with { State = state, StateTime = at, LastOnlineTime = lastOnline };
}
