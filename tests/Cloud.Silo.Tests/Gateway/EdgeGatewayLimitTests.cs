using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>Rate limit and keepalive, each on a silo configured with small limits.</summary>
public sealed class EdgeGatewayLimitTests
{
    [Fact]
    public async Task Messages_over_the_rate_limit_get_429_are_not_processed_and_nothing_accepted_is_lost()
    {
        await using var host = await GatewayHost.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimitPerSecond"] = "5",
            ["Gateway:RateLimitBurst"] = "5",
        });
        var token = await host.CreateJoinTokenAsync();
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(host.EdgeUri, token, "limited-1");
        await using var _1 = client;
        await host.CreateDeviceAsync("limited-1", "sensor-1");

        var outbox = Enumerable.Range(1, 12)
            .Select(i => EdgeGatewayTests.Reported("sensor-1", "temperature", i.ToString(System.Globalization.CultureInfo.InvariantCulture), edgeVersion: i, sequence: i))
            .ToList();
        await client.SendBatchAsync(outbox);
        var answers = new List<EdgeMessage>();
        foreach (var message in outbox)
        {
            answers.Add(await client.AnswerToAsync(message.Id));
        }

        var refused = outbox.Where((m, i) => answers[i].Content is ErrorResult).ToList();
        Assert.NotEmpty(refused);
        Assert.All(answers.Where(a => a.Content is ErrorResult), a => Assert.Equal(429, a.GetContent<ErrorResult>().Code));
        Assert.Equal(WebSocketState.Open, client.State);
        var device = host.Grains.GetGrain<IDeviceGrain>("default/sensor-1");

        // What was refused was not applied: the newest stored value is the newest accepted one.
        var newestAccepted = outbox.Where((m, i) => answers[i].Content is Ack).Max(m => ((TwinReportedUpdate)m.Content).Sequence);
        Assert.Equal(newestAccepted.ToString(System.Globalization.CultureInfo.InvariantCulture), (await device.Get()).Value!.Status.Twin["temperature"].Reported!.Value);

        // The agent keeps refused messages and resends them, paced; every one ends up acked and the last one wins.
        var retries = System.Diagnostics.Stopwatch.StartNew();
        var attempt = 0;
        while (refused.Count > 0)
        {
            Assert.True(retries.Elapsed < TimeSpan.FromSeconds(60), $"{refused.Count} refused reports were still not accepted after 60 s of paced resends");
            var retry = refused[0];
            var resent = retry with { Header = retry.Header with { Id = retry.Id + "-r" + ++attempt } };
            await client.SendAsync(resent);
            var answer = (await client.AnswerToAsync(resent.Id)).Content;
            if (answer is ErrorResult { Code: 429 })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250)); // pacing like an agent after 429, not synchronisation
                continue;
            }

            // Acked, or answered for another reason than the rate (a stale edge version): either way it was processed.
            refused.RemoveAt(0);
        }

        Assert.Equal("12", (await device.Get()).Value!.Status.Twin["temperature"].Reported!.Value);
    }

    [Fact]
    public async Task A_device_whose_report_got_429_takes_no_newer_report_until_the_refused_one_is_resent()
    {
        await using var host = await GatewayHost.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["Gateway:RateLimitPerSecond"] = "2",
            ["Gateway:RateLimitBurst"] = "2",
        });
        var token = await host.CreateJoinTokenAsync();
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(host.EdgeUri, token, "ordered-1");
        await using var _1 = client;
        await host.CreateDeviceAsync("ordered-1", "sensor-1");
        var device = host.Grains.GetGrain<IDeviceGrain>("default/sensor-1");
        var reports = Enumerable.Range(1, 4)
            .Select(i => EdgeGatewayTests.Reported("sensor-1", "temperature", i.ToString(System.Globalization.CultureInfo.InvariantCulture), edgeVersion: i, sequence: i))
            .ToList();

        // Sent together, the third is over the burst.
        await client.SendBatchAsync(reports[..3]);
        Assert.IsType<Ack>((await client.AnswerToAsync(reports[0].Id)).Content);
        Assert.IsType<Ack>((await client.AnswerToAsync(reports[1].Id)).Content);
        Assert.Equal(429, (await client.AnswerToAsync(reports[2].Id)).GetContent<ErrorResult>().Code);

        // Well after the retry time, with tokens to spare, a newer report of the device still waits for the refused one.
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the bucket refilling (a rule of time), not synchronisation
        var early = Resent(reports[3], "early");
        await client.SendAsync(early);
        var answer = (await client.AnswerToAsync(early.Id)).GetContent<ErrorResult>();
        Assert.Equal(429, answer.Code);
        Assert.Contains("refused report 3", answer.Reason, StringComparison.Ordinal);

        // The replay in order: 3, then 4; 3 is stored, not skipped as stale.
        var third = Resent(reports[2], "replay");
        await client.SendAsync(third);
        Assert.IsType<Ack>((await client.AnswerToAsync(third.Id)).Content);
        Assert.Equal("3", (await device.Get()).Value!.Status.Twin["temperature"].Reported!.Value);
        var fourth = Resent(reports[3], "replay");
        await client.SendAsync(fourth);
        Assert.IsType<Ack>((await client.AnswerToAsync(fourth.Id)).Content);
        Assert.Equal("4", (await device.Get()).Value!.Status.Twin["temperature"].Reported!.Value);
    }

    private static EdgeMessage Resent(EdgeMessage message, string suffix) =>
        message with { Header = message.Header with { Id = message.Id + "-" + suffix } };

    [Fact]
    public async Task A_silent_node_gets_keepalives_and_is_closed_with_4408_after_the_dead_interval()
    {
        await using var host = await GatewayHost.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["Gateway:KeepAlive"] = "00:00:01",
            ["Gateway:DeadAfter"] = "00:00:03",
            ["Gateway:HeartbeatPeriod"] = "00:00:00.200",
        });
        var token = await host.CreateJoinTokenAsync();
        var (client, welcome) = await EdgeTestClient.ConnectWelcomedAsync(host.EdgeUri, token, "silent-1");
        await using var _1 = client;
        Assert.Equal(1000, welcome.KeepAlive.IntervalMs);
        Assert.Equal(3000, welcome.KeepAlive.TimeoutMs);

        await client.WaitForAsync(m => m.Content is KeepAlive, "a keepalive from the cloud");
        await client.WaitClosedAsync();
        Assert.Equal(EdgeCloseCodes.KeepAliveTimeout, (int?)client.CloseStatus);
        Assert.Empty(host.Connections.ForNode("silent-1"));
    }
}
