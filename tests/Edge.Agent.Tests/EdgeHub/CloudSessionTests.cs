using System.Diagnostics.Metrics;
using System.Text.Json;
using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;
using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.Serialization;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

/// <summary>EdgeHub against an in-test protocol peer: registration, credentials, URL rotation, close codes.</summary>
public sealed class CloudSessionTests
{
    [Fact]
    public async Task Join_token_registers_the_node_and_later_connects_use_the_stored_credential()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);

        var first = await cloud.NextConnectionAsync();
        Assert.Equal(("join-secret", AgentRunner.Node), (first.Bearer, first.Node));
        var status = (await first.WaitForAsync(m => m.Content is NodeStatus, "node.status after the welcome")).GetContent<NodeStatus>();
        Assert.Equal((Environment.MachineName, "linux", Environment.ProcessorCount), (status.Info.Hostname, status.Info.Os, status.Info.Capacity.CpuCores));
        var issued = cloud.Credentials[AgentRunner.Node];
        await Eventually.TrueAsync(async () => (await agent.Agent.Credentials.GetAsync(default))?.Token == issued, TimeSpan.FromSeconds(30), "credential stored");

        await first.CloseAsync(EdgeCloseCodes.Superseded, "superseded");
        var second = await cloud.NextConnectionAsync();
        Assert.Equal(issued, second.Bearer);

        await agent.RestartAsync();
        var third = await cloud.NextConnectionAsync();
        Assert.Equal(issued, third.Bearer);
        Assert.Equal(1, cloud.Attempts.Count(a => a == "join-secret"));
    }

    [Fact]
    public async Task Agent_sends_keepalives_when_idle_and_closes_a_silent_link_with_4408()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.KeepAlive = new KeepAliveSettings { IntervalMs = 200, TimeoutMs = 1500 };
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var silent = await cloud.NextConnectionAsync();

        Assert.Equal(EdgeCloseCodes.KeepAliveTimeout, (int?)await silent.Closed.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(silent.Received, m => m.Content is KeepAlive);
        await cloud.NextConnectionAsync();
    }

    [Fact]
    public async Task Reconnect_rotates_to_the_next_cloud_url()
    {
        await using var cloud = await FakeCloud.StartAsync();
        var dead = new Uri($"ws://127.0.0.1:{FreePort.Get()}/edge/v1/connect");
        await using var agent = await AgentRunner.StartAsync([dead, cloud.Url]);

        // Reaching the cloud at all proves the move from the first (dead) URL to the second.
        var first = await cloud.NextConnectionAsync();
        await first.CloseAsync(EdgeCloseCodes.GoingAway, "silo shutting down");

        // The next attempt goes to the dead URL, the one after that back to the live one.
        var second = await cloud.NextConnectionAsync();
        Assert.True(second.Epoch > first.Epoch);
        await Eventually.TrueAsync(() => agent.Agent.EdgeHub.IsConnected, TimeSpan.FromSeconds(30), "the link is up again");
    }

    [Fact]
    public async Task Revoked_stored_credential_stops_the_link_and_the_agent_keeps_serving_offline()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var connection = await cloud.NextConnectionAsync();
        await Eventually.TrueAsync(async () => await agent.Agent.Credentials.GetAsync(default) is not null, TimeSpan.FromSeconds(30), "credential stored");

        cloud.Credentials[AgentRunner.Node] = "revoked-and-replaced";
        await connection.CloseAsync(EdgeCloseCodes.Unauthorized, "credential revoked");

        await agent.Agent.EdgeHub.Stopped.WaitAsync(TimeSpan.FromSeconds(30));
        var attempts = cloud.Attempts.Count;
        Assert.False(agent.Agent.EdgeHub.IsConnected);
        await agent.BindAsync("default/still-served");
        Assert.NotNull(await agent.Agent.Devices.GetDeviceAsync("default/still-served", default));
        Assert.Equal(attempts, cloud.Attempts.Count);
    }

    [Fact]
    public async Task Entry_larger_than_the_announced_frame_is_dropped_and_later_entries_still_go_up()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.MaxFrameBytes = 4096;
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var connection = await cloud.NextConnectionAsync();
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AgentMetrics.MeterName && instrument.Name == AgentMetrics.UpstreamDroppedName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();

        var big = new EventReport { Topic = "$hw/events/upload/big", Payload = new byte[8192], Timestamp = 1 };
        var small = new EventReport { Topic = "$hw/events/upload/small", Payload = [1, 2, 3], Timestamp = 2 };
        await agent.Agent.Outbox.AppendAsync(
            [
                new OutboxDraft(OutboxKinds.Event, null, JsonSerializer.Serialize(big, AgentJsonContext.Default.EventReport)),
                new OutboxDraft(OutboxKinds.Event, null, JsonSerializer.Serialize(small, AgentJsonContext.Default.EventReport)),
            ],
            default);
        agent.Agent.Dispatcher.NotifyAppended();

        var upload = await connection.WaitForAsync(m => m.Content is UploadEvent { Topic: "$hw/events/upload/small" }, "the entry after the unsendable one");
        await connection.SendAsync(connection.Factory.Ack(upload));
        await Eventually.TrueAsync(async () => await agent.Agent.Outbox.CountAsync(default) == 0, TimeSpan.FromSeconds(30), "the outbox is empty");
        Assert.DoesNotContain(connection.Received, m => m.Content is UploadEvent { Topic: "$hw/events/upload/big" });
        Assert.True(Interlocked.Read(ref dropped) >= 1);
        Assert.True(agent.Agent.EdgeHub.IsConnected);
    }

    [Fact]
    public async Task Upgrade_refused_with_426_stops_the_link_without_retrying()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.RefuseWith = 426;
        await using var agent = await AgentRunner.StartAsync([cloud.Url, cloud.Url], tune: AgentRunner.Fast);

        await agent.Agent.EdgeHub.Stopped.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(agent.Agent.EdgeHub.IsConnected);
        Assert.Single(cloud.Attempts);
    }

    [Fact]
    public async Task Refused_upgrade_of_a_stored_credential_after_restart_stops_the_link()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        await cloud.NextConnectionAsync();
        await Eventually.TrueAsync(async () => await agent.Agent.Credentials.GetAsync(default) is not null, TimeSpan.FromSeconds(30), "credential stored");
        await agent.StopAsync();

        cloud.Credentials[AgentRunner.Node] = "revoked-and-replaced";
        await agent.StartAsync();

        await agent.Agent.EdgeHub.Stopped.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("revoked-and-replaced", cloud.Credentials[AgentRunner.Node]);
    }

    [Fact]
    public async Task Unreadable_frame_is_answered_with_an_error_and_close_4400_and_the_agent_reconnects()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var connection = await cloud.NextConnectionAsync();

        await connection.SendRawAsync("""{"header":{"id":"c-x","timestamp":1},"route":{"source":"cloud","group":"twin","operation":"update"},"kind":"pod.upsert","content":{}}"""u8.ToArray());

        Assert.Equal(EdgeCloseCodes.Malformed, (int?)await connection.Closed.WaitAsync(TimeSpan.FromSeconds(30)));
        var error = (await connection.WaitForAsync(m => m.Content is ErrorResult, "error for the bad frame")).GetContent<ErrorResult>();
        Assert.Equal(400, error.Code);
        Assert.Contains("pod.upsert", error.Reason, StringComparison.Ordinal);
        await cloud.NextConnectionAsync();
    }

    [Fact]
    public async Task Cloud_objects_are_answered_from_sqlite_after_the_cloud_is_gone()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var connection = await cloud.NextConnectionAsync();
        var model = connection.Factory.DeviceModelUpsert(new DeviceModel { Namespace = "default", Name = "thermometer" }, 3);
        await connection.SendAsync(model);
        await connection.WaitForAckAsync(model);
        await cloud.DisposeAsync();

        var query = BusMessage.Create("test", ModuleNames.MetaGroup, MetaOperations.Query, "devicemodel", null, TimeProvider.System);
        var answer = await agent.Agent.Bus.SendSyncAsync(ModuleNames.MetaManager, query, TimeSpan.FromSeconds(30), default);

        var item = Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<MetaObject>>(answer.Content));
        Assert.Equal(("default/thermometer", "3"), (item.Key, item.ResourceVersion));
    }
}
