using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

/// <summary>Cloud → edge: apply, commit, then ack; stale versions acked without re-applying; refusals as errors.</summary>
public sealed class DownstreamTests
{
    private static Device Thermo(string name = "thermo-1") =>
        new() { Namespace = "default", Name = name, Model = "thermometer", NodeName = AgentRunner.Node, Description = "lab" };

    private static TwinDesiredUpdate Desired(string value, long cloudVersion) => new()
    {
        Namespace = "default",
        Name = "thermo-1",
        Properties = new Dictionary<string, TwinDesiredProperty> { ["setpoint"] = new() { Value = value, CloudVersion = cloudVersion, Timestamp = 1732233500000 } },
    };

    [Fact]
    public async Task Objects_are_committed_before_their_ack_and_stale_versions_are_acked_without_being_applied()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();
        var store = agent.Agent.Devices;

        var add = c.Factory.MembershipAdd(AgentRunner.Node, Thermo(), 5);
        await c.SendAsync(add);
        var ack = await c.WaitForAckAsync(add);
        Assert.Equal(5, ack.GetContent<Ack>().ResourceVersion);
        Assert.NotNull(await store.GetDeviceAsync("default/thermo-1", default));

        var desired = c.Factory.TwinDesired(Desired("21", 1), 6);
        var staleDesired = c.Factory.TwinDesired(Desired("99", 1), 4);
        await c.SendAsync(desired, staleDesired);
        await c.WaitForAckAsync(desired);
        await c.WaitForAckAsync(staleDesired);
        Assert.Equal("21", Assert.Single(await store.GetTwinsAsync("default/thermo-1", default)).Expected);

        var model = c.Factory.DeviceModelUpsert(new DeviceModel { Namespace = "default", Name = "thermometer", Description = "v7" }, 7);
        var staleModel = c.Factory.DeviceModelUpsert(new DeviceModel { Namespace = "default", Name = "thermometer", Description = "v2" }, 2);
        await c.SendAsync(model, staleModel);
        await c.WaitForAckAsync(staleModel);
        Assert.Contains("v7", (await agent.Agent.Meta.GetAsync(CloudObject.DeviceModelKind, "default/thermometer", default))!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acks_are_not_paced_by_the_upstream_rate_limit()
    {
        // One upstream token per ~100 s: were acks charged, the second of these would wait that long for its turn.
        await using var cloud = await FakeCloud.StartAsync();
        cloud.RateLimit = (0.01, 1);
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();

        var add = c.Factory.MembershipAdd(AgentRunner.Node, Thermo(), 5);
        var first = c.Factory.TwinDesired(Desired("21", 1), 6);
        var second = c.Factory.TwinDesired(Desired("22", 2), 7);
        var third = c.Factory.TwinDesired(Desired("23", 3), 8);
        await c.SendAsync(add, first, second, third);

        foreach (var message in new[] { add, first, second, third })
        {
            await c.WaitForAckAsync(message);
        }

        Assert.Equal("23", Assert.Single(await agent.Agent.Devices.GetTwinsAsync("default/thermo-1", default)).Expected);
    }

    [Fact]
    public async Task A_removed_device_is_not_resurrected_by_an_older_resend()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();

        var add = c.Factory.MembershipAdd(AgentRunner.Node, Thermo(), 5);
        var remove = c.Factory.MembershipRemove(AgentRunner.Node, "default", "thermo-1", 8);
        var oldUpsert = c.Factory.DeviceUpsert(Thermo(), 6);
        await c.SendAsync(add, remove, oldUpsert);

        await c.WaitForAckAsync(oldUpsert);
        Assert.Null(await agent.Agent.Devices.GetDeviceAsync("default/thermo-1", default));
        Assert.Equal("8", await agent.Agent.Meta.GetVersionAsync(CloudObject.DeviceKind, "default/thermo-1", default));
    }

    [Fact]
    public async Task Desired_twin_of_a_device_not_bound_here_is_answered_with_a_404_error()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();

        var desired = c.Factory.TwinDesired(Desired("21", 1), 3);
        await c.SendAsync(desired);

        var error = await c.WaitForAsync(m => m.Content is ErrorResult && m.Header.ParentId == desired.Id, "error for the unknown device");
        Assert.Equal(404, error.GetContent<ErrorResult>().Code);
        Assert.DoesNotContain(c.Received, m => m.Content is Ack && m.Header.ParentId == desired.Id);
    }

    [Fact]
    public async Task A_crash_after_the_commit_and_before_the_ack_is_healed_by_the_resend()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Agent.EdgeHub.BeforeAck = async (_, ct) =>
        {
            applied.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        };
        var first = await cloud.NextConnectionAsync();
        var add = first.Factory.MembershipAdd(AgentRunner.Node, Thermo(), 5);
        var desired = first.Factory.TwinDesired(Desired("21", 1), 6);

        await first.SendAsync(add);
        await applied.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await agent.StopAsync();
        Assert.DoesNotContain(first.Received, m => m.Content is Ack);

        // A new process on the same file; the cloud resends what was never acknowledged, in order.
        await agent.StartAsync();
        var second = await cloud.NextConnectionAsync();
        await second.SendAsync(add, desired);

        await second.WaitForAckAsync(add);
        await second.WaitForAckAsync(desired);
        var device = Assert.Single(await agent.Agent.Devices.ListDevicesAsync(default));
        Assert.Equal("default/thermo-1", device.Id);
        Assert.Equal("21", Assert.Single(await agent.Agent.Devices.GetTwinsAsync("default/thermo-1", default)).Expected);
        Assert.Equal("5", await agent.Agent.Meta.GetVersionAsync(CloudObject.DeviceKind, "default/thermo-1", default));
    }

    [Fact]
    public async Task Desired_values_from_the_cloud_reach_mqtt_devices_as_delta()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();
        var add = c.Factory.MembershipAdd(AgentRunner.Node, Thermo(), 5);
        await c.SendAsync(add);
        await c.WaitForAckAsync(add);
        var port = await agent.MqttPortAsync();

        var version = 0L;
        var (_, payload) = await MqttProbe.WaitForAsync(port, "$hw/events/device/default/thermo-1/twin/update/delta", async () =>
        {
            var next = Interlocked.Increment(ref version);
            await c.SendAsync(c.Factory.TwinDesired(Desired("2" + next, next), 10 + next));
        });

        Assert.StartsWith("2", (string?)Json.Parse(payload)["delta"]!["setpoint"], StringComparison.Ordinal);
    }
}
