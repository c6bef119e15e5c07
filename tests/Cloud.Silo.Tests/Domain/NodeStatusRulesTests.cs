using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Domain;

public sealed class NodeStatusRulesTests
{
    private static readonly DateTimeOffset T0 = Samples.T0;
    private static readonly TimeSpan DeadAfter = NodeStatusRules.DefaultDeadAfter;

    // Columns: session attached, attached at (s), last heartbeat (s), now (s) → status.
    [Theory]
    [InlineData(true, 0, null, 0, NodeStatus.Online)]
    [InlineData(true, 0, null, 29, NodeStatus.Online)]
    [InlineData(true, 0, null, 30, NodeStatus.Offline)]
    [InlineData(true, 0, 20, 49, NodeStatus.Online)]
    [InlineData(true, 0, 20, 50, NodeStatus.Offline)]
    [InlineData(true, 40, 10, 60, NodeStatus.Online)]
    [InlineData(true, 0, 100, 50, NodeStatus.Online)]
    [InlineData(false, 0, 20, 21, NodeStatus.Offline)]
    public void Status_comes_from_session_and_last_sign_of_life(bool attached, int attachedAt, int? heartbeat, int now, NodeStatus expected)
    {
        var session = new NodeSession("silo-a", 1, attached, T0.AddSeconds(attachedAt));

        var evaluation = NodeStatusRules.Evaluate(session, At(heartbeat), T0.AddSeconds(now), DeadAfter);

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Node_that_never_connected_is_unknown()
    {
        var evaluation = NodeStatusRules.Evaluate(NodeSession.None, null, T0, DeadAfter);

        Assert.Equal(NodeStatus.Unknown, evaluation.Status);
        Assert.Null(evaluation.OnlineUntil);
    }

    [Fact]
    public void Online_node_says_when_it_turns_offline()
    {
        var session = new NodeSession("silo-a", 1, true, T0);

        var evaluation = NodeStatusRules.Evaluate(session, T0.AddSeconds(10), T0.AddSeconds(15), DeadAfter);

        Assert.Equal(T0.AddSeconds(40), evaluation.OnlineUntil);
        Assert.Equal(NodeStatus.Offline, NodeStatusRules.Evaluate(session, T0.AddSeconds(10), evaluation.OnlineUntil!.Value, DeadAfter).Status);
    }

    [Fact]
    public void Dead_after_is_a_parameter()
    {
        var session = new NodeSession("silo-a", 1, true, T0);

        Assert.Equal(NodeStatus.Online, NodeStatusRules.Evaluate(session, T0, T0.AddSeconds(59), TimeSpan.FromMinutes(1)).Status);
        Assert.Equal(NodeStatus.Offline, NodeStatusRules.Evaluate(session, T0, T0.AddSeconds(6), TimeSpan.FromSeconds(5)).Status);
    }

    [Theory]
    [InlineData(3, true, 3, true)]
    [InlineData(3, true, 4, true)]
    [InlineData(3, true, 2, false)]
    [InlineData(3, false, 3, false)]
    [InlineData(0, false, 1, true)]
    public void Heartbeats_from_replaced_connections_do_not_count(long sessionEpoch, bool attached, long heartbeatEpoch, bool accepted)
    {
        var session = new NodeSession("silo-a", sessionEpoch, attached, T0);

        Assert.Equal(accepted, NodeStatusRules.AcceptsHeartbeat(session, heartbeatEpoch));
    }

    [Fact]
    public void Newer_attach_replaces_the_session_and_older_is_ignored()
    {
        var session = new NodeSession("silo-a", 3, true, T0);

        var newer = NodeStatusRules.ApplyAttached(session, "silo-b", 4, T0.AddSeconds(1));
        var older = NodeStatusRules.ApplyAttached(session, "silo-c", 2, T0.AddSeconds(1));
        var repeat = NodeStatusRules.ApplyAttached(session, "silo-a", 3, T0.AddSeconds(1));

        Assert.Equal(new NodeSession("silo-b", 4, true, T0.AddSeconds(1)), newer);
        Assert.Null(older);
        Assert.Null(repeat);
    }

    [Fact]
    public void Late_detach_of_a_replaced_connection_keeps_the_node_online()
    {
        var session = new NodeSession("silo-b", 4, true, T0);

        Assert.Null(NodeStatusRules.ApplyDetached(session, 3, T0.AddSeconds(1)));
        var detached = NodeStatusRules.ApplyDetached(session, 4, T0.AddSeconds(2));
        Assert.Equal(new NodeSession("silo-b", 4, false, T0.AddSeconds(2)), detached);
        Assert.Null(NodeStatusRules.ApplyDetached(detached!, 4, T0.AddSeconds(3)));
        Assert.Equal(NodeStatus.Offline, NodeStatusRules.Evaluate(detached!, T0.AddSeconds(2), T0.AddSeconds(2), DeadAfter).Status);
    }

    private static DateTimeOffset? At(int? seconds) => seconds is { } s ? T0.AddSeconds(s) : null;
}
