using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

/// <summary>Edge → cloud: reports made offline survive a restart, replay in order, and go away only on the ack.</summary>
public sealed class UpstreamTests
{
    private const string Device = "default/counter";

    [Fact]
    public async Task Offline_reports_survive_a_restart_and_are_deleted_only_after_the_ack_and_never_sent_again()
    {
        await using var cloud = await FakeCloud.StartAsync();
        cloud.RefuseWith = 503;
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        await agent.BindAsync(Device);
        foreach (var value in new[] { "1", "2", "3" })
        {
            await ReportAsync(agent, value);
        }

        await Eventually.TrueAsync(async () => await agent.Agent.Outbox.CountAsync(default) == 3, TimeSpan.FromSeconds(30), "three reports in the outbox");
        await agent.RestartAsync();
        Assert.Equal(3, await agent.Agent.Outbox.CountAsync(default));

        cloud.RefuseWith = null;
        var first = await cloud.NextConnectionAsync();
        var reports = await ReportsAsync(first, 3);
        Assert.Equal(["1", "2", "3"], reports.Select(r => r.GetContent<TwinReportedUpdate>().Properties["status"].Value));
        var seqs = reports.Select(r => r.GetContent<TwinReportedUpdate>().Sequence).ToArray();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal([1L, 2L, 3L], reports.Select(r => r.GetContent<TwinReportedUpdate>().Properties["status"].EdgeVersion));

        await first.SendAsync(first.Factory.Ack(reports[0]));
        await Eventually.TrueAsync(async () => await agent.Agent.Outbox.CountAsync(default) == 2, TimeSpan.FromSeconds(30), "the acked entry is deleted");
        await first.CloseAsync(EdgeCloseCodes.Superseded, "superseded");

        // The replay holds exactly the unacknowledged entries, unchanged (same ids, same sequences).
        var second = await cloud.NextConnectionAsync();
        var replay = await ReportsAsync(second, 2);
        Assert.Equal(reports.Skip(1).Select(r => (r.Id, r.Header.Timestamp)), replay.Select(r => (r.Id, r.Header.Timestamp)));
        await second.SendAsync(replay.Select(second.Factory.Ack).ToArray());
        await Eventually.TrueAsync(async () => await agent.Agent.Outbox.CountAsync(default) == 0, TimeSpan.FromSeconds(30), "all acked entries are deleted");
        await second.CloseAsync(EdgeCloseCodes.Superseded, "superseded");

        // A fresh report after the reconnect is the marker: anything older would have been replayed before it.
        var third = await cloud.NextConnectionAsync();
        await ReportAsync(agent, "4");
        var marker = (await ReportsAsync(third, 1))[0];
        Assert.Equal("4", marker.GetContent<TwinReportedUpdate>().Properties["status"].Value);
        Assert.True(marker.GetContent<TwinReportedUpdate>().Sequence > seqs[^1]);
        Assert.Single(third.Received, m => m.Content is TwinReportedUpdate);
    }

    [Fact]
    public async Task A_permanent_error_drops_the_entry_and_a_transient_one_keeps_it()
    {
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        await agent.BindAsync(Device);
        var c = await cloud.NextConnectionAsync();
        await ReportAsync(agent, "7");
        await ReportAsync(agent, "8");
        var reports = await ReportsAsync(c, 2);

        await c.SendAsync(c.Factory.Error(reports[0], 403, "not your device"), c.Factory.Error(reports[1], 500, "try later"));

        await Eventually.TrueAsync(async () => await agent.Agent.Outbox.CountAsync(default) == 1, TimeSpan.FromSeconds(30), "the refused entry is dropped");
        var kept = Assert.Single(await agent.Agent.Outbox.ReadPendingAsync(0, 10, default));
        Assert.Equal(reports[1].GetContent<TwinReportedUpdate>().Sequence, kept.Seq);
    }

    private static async Task<IReadOnlyList<EdgeMessage>> ReportsAsync(CloudConnection connection, int count)
    {
        await Eventually.TrueAsync(() => connection.Received.Count(m => m.Content is TwinReportedUpdate) >= count, TimeSpan.FromSeconds(30), $"{count} twin reports");
        return connection.Received.Where(m => m.Content is TwinReportedUpdate).Take(count).ToArray();
    }

    private static async Task ReportAsync(AgentRunner agent, string value)
    {
        using var client = new MQTTnet.MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", await agent.MqttPortAsync()).WithClientId("device-" + value).Build());
        await client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic($"$hw/events/device/{Device}/twin/update")
            .WithPayload(Json.Fill("""{"event_id":"","timestamp":0,"twin":{"status":{"actual":{"value":"<v>"},"metadata":{"type":"Updated"}}}}""", ("v", value)))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Eventually.TrueAsync(async () => (await agent.Agent.Devices.GetTwinsAsync(Device, default)).Any(t => t.Actual == value), TimeSpan.FromSeconds(30), $"value {value} stored");
    }
}
