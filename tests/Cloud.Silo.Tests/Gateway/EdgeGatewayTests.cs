using System.Net;
using System.Net.WebSockets;
using System.Text;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>The edge endpoint of one real silo, spoken to by a real WebSocket client through the real codec.</summary>
public sealed class EdgeGatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Join_token_registers_the_node_and_its_credential_works_on_reconnect()
    {
        var (first, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "join-1");
        Assert.Equal("join-1", welcome.NodeName);
        Assert.False(string.IsNullOrEmpty(welcome.NodeCredential));
        Assert.True((await Host.Grains.GetGrain<IEdgeNodeGrain>("join-1").Get()).IsOk);
        await first.DisposeAsync();

        var (second, again) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, welcome.NodeCredential!, "join-1");
        await using var _ = second;
        Assert.Equal("join-1", again.NodeName);
        Assert.Null(again.NodeCredential);
        Assert.True(again.SessionEpoch > welcome.SessionEpoch);

        // The join token cannot take the registered node over.
        Assert.Equal(HttpStatusCode.Forbidden, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, fixture.JoinToken, "join-1"));
    }

    [Fact]
    public async Task Wrong_token_is_refused_with_401_before_the_upgrade()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, "ehj_not-a-token", "wrong-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, "ehn_wrong-1.not-a-credential", "wrong-1"));
        Assert.False((await Host.Grains.GetGrain<IEdgeNodeGrain>("wrong-1").Get()).IsOk);
    }

    [Fact]
    public async Task Garbage_bearer_gets_the_same_401_for_an_existing_and_an_unknown_node()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "probe-known");
        await client.DisposeAsync();

        foreach (var bearer in new[] { "ehn_probe-known.garbage", "ehj_garbage", "garbage" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, bearer, "probe-known"));
            Assert.Equal(HttpStatusCode.Unauthorized, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, bearer, "probe-unknown"));
        }
    }

    [Fact]
    public async Task Node_credential_without_the_node_header_is_400()
    {
        var (client, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "header-1");
        await client.DisposeAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, welcome.NodeCredential!, null));
        Assert.Equal(HttpStatusCode.BadRequest, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, fixture.JoinToken, null));
    }

    [Theory]
    [InlineData]
    [InlineData("edgehive.v0")]
    [InlineData("edgehive.v0", "mqtt")]
    public async Task Upgrade_without_a_supported_subprotocol_is_426_before_any_credential_work(params string[] offered)
    {
        var node = "version-" + offered.Length;
        Assert.Equal(HttpStatusCode.UpgradeRequired, await EdgeTestClient.ConnectRefusedAsync(Host.EdgeUri, fixture.JoinToken, node, offered));

        // The join token was not looked at: the node was not registered, and the token still registers it.
        Assert.False((await Host.Grains.GetGrain<IEdgeNodeGrain>(node).Get()).IsOk);
        var (client, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, node);
        await using var _ = client;
        Assert.False(string.IsNullOrEmpty(welcome.NodeCredential));
    }

    [Fact]
    public async Task Oversized_frame_gets_error_413_and_close_4413()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "big-1");
        await using var _1 = client;
        var frame = Encoding.UTF8.GetBytes("[" + new string(' ', (1024 * 1024) + 10) + "]");
        await client.SendRawAsync(frame);
        await client.WaitClosedAsync();
        Assert.Equal(EdgeCloseCodes.FrameTooLarge, (int?)client.CloseStatus);
        Assert.Contains(client.Received, m => m.Content is ErrorResult { Code: 413 });
    }

    [Fact]
    public async Task Malformed_frame_gets_error_400_and_close_4400()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "malformed-1");
        await using var _1 = client;
        await client.SendRawAsync(Encoding.UTF8.GetBytes("{\"header\": {\"id\": \"x\"}, \"kind\": 17"));
        await client.WaitClosedAsync();
        Assert.Equal(EdgeCloseCodes.Malformed, (int?)client.CloseStatus);
        Assert.Contains(client.Received, m => m.Content is ErrorResult { Code: 400 });
    }

    [Fact]
    public async Task Unknown_kind_gets_an_error_and_the_connection_stays()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "unknown-1");
        await using var _1 = client;
        var frame = """{"header":{"id":"u-1","timestamp":1},"route":{"source":"edge","group":"x","operation":"y"},"kind":"pod.status","content":{}}""";
        await client.SendRawAsync(Encoding.UTF8.GetBytes(frame));
        var error = await client.AnswerToAsync("u-1");
        Assert.Equal(400, error.GetContent<ErrorResult>().Code);
        Assert.Contains("pod.status", error.GetContent<ErrorResult>().Reason, StringComparison.Ordinal);

        var upload = EdgeTestClient.Factory.Upload(new UploadEvent { Topic = "$hw/events/upload/a", Payload = [1], Sequence = 1 });
        await client.SendAsync(upload);
        Assert.IsType<Ack>((await client.AnswerToAsync(upload.Id)).Content);
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Another_nodes_device_gets_403_the_connection_stays_and_the_other_node_is_unaffected()
    {
        var (owner, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "owner-1");
        await using var _1 = owner;
        var (intruder, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "intruder-1");
        await using var _2 = intruder;
        await Host.CreateDeviceAsync("owner-1", "owned-1");

        var forged = Reported("owned-1", "temperature", "99", edgeVersion: 1, sequence: 1);
        await intruder.SendAsync(forged);
        var answer = await intruder.AnswerToAsync(forged.Id);
        Assert.Equal(403, answer.GetContent<ErrorResult>().Code);
        Assert.Equal(WebSocketState.Open, intruder.State);

        var genuine = Reported("owned-1", "temperature", "21.5", edgeVersion: 1, sequence: 1);
        await owner.SendAsync(genuine);
        Assert.IsType<Ack>((await owner.AnswerToAsync(genuine.Id)).Content);
        var device = (await Host.Grains.GetGrain<IDeviceGrain>("default/owned-1").Get()).Value!;
        Assert.Equal("21.5", device.Status.Twin["temperature"].Reported!.Value);

        // The intruder's connection still works for its own business.
        var status = EdgeTestClient.Factory.Upload(new UploadEvent { Topic = "$hw/events/upload/b", Payload = [2], Sequence = 2 });
        await intruder.SendAsync(status);
        Assert.IsType<Ack>((await intruder.AnswerToAsync(status.Id)).Content);
    }

    [Fact]
    public async Task A_second_connection_of_the_node_closes_the_first_with_4409()
    {
        var (first, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "twice-1");
        await using var _1 = first;
        var (second, newer) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, welcome.NodeCredential!, "twice-1");
        await using var _2 = second;

        await first.WaitClosedAsync();
        Assert.Equal(EdgeCloseCodes.Superseded, (int?)first.CloseStatus);
        Assert.True(newer.SessionEpoch > welcome.SessionEpoch);
        Assert.Equal(WebSocketState.Open, second.State);
        var session = await Host.Grains.GetGrain<INodeSessionGrain>("twice-1").Get();
        Assert.Equal(newer.SessionEpoch, session.Epoch);
        Assert.True(session.Attached);
    }

    [Fact]
    public async Task Reported_values_and_state_are_acked_after_the_grain_stored_them_and_replays_are_harmless()
    {
        var (client, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "report-1");
        await using var _1 = client;
        await Host.CreateDeviceAsync("report-1", "reporting-1");

        var newer = Reported("reporting-1", "temperature", "22.5", edgeVersion: 2, sequence: 2);
        var older = Reported("reporting-1", "temperature", "20.0", edgeVersion: 1, sequence: 1);
        var state = EdgeTestClient.Factory.DeviceState(new DeviceStateReport { Namespace = "default", Name = "reporting-1", State = "online", Sequence = 3 });
        await client.SendBatchAsync([newer, older, state, newer]);

        foreach (var message in new[] { newer, older, state })
        {
            var ack = (await client.AnswerToAsync(message.Id)).GetContent<Ack>();
            Assert.Equal(((ISequencedPayload)message.Content).Sequence, ack.Sequence);
        }

        var device = (await Host.Grains.GetGrain<IDeviceGrain>("default/reporting-1").Get()).Value!;
        Assert.Equal("22.5", device.Status.Twin["temperature"].Reported!.Value);
        Assert.Equal(DeviceState.Online, device.Status.State);
    }

    [Fact]
    public async Task Desired_changes_reach_the_socket_and_unacked_ones_are_resent_after_reconnect_in_order_merged_per_object()
    {
        var (client, welcome) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, fixture.JoinToken, "desired-1");
        await Host.CreateDeviceAsync("desired-1", "valve-1");
        await Host.CreateDeviceAsync("desired-1", "valve-2");
        var session = Host.Grains.GetGrain<INodeSessionGrain>("desired-1");
        await Eventually.TrueAsync(async () => (await session.Pending()).Count == 0, Deadline, "creation messages acked");

        client.AutoAck = false;
        var valve1 = Host.Grains.GetGrain<IDeviceGrain>("default/valve-1");
        var valve2 = Host.Grains.GetGrain<IDeviceGrain>("default/valve-2");
        Assert.True((await valve1.SetDesired(new Dictionary<string, string?> { ["setpoint"] = "10" }, null)).IsOk);
        Assert.True((await valve2.SetDesired(new Dictionary<string, string?> { ["setpoint"] = "20" }, null)).IsOk);
        Assert.True((await valve1.SetDesired(new Dictionary<string, string?> { ["setpoint"] = "11" }, null)).IsOk);
        await client.WaitForAsync(m => DesiredValue(m, "valve-1") == "11", "valve-1 setpoint 11 on the socket");
        await client.DisposeAsync();

        var (again, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, welcome.NodeCredential!, "desired-1", autoAck: false);
        await again.WaitForAsync(m => DesiredValue(m, "valve-1") == "11", "resent valve-1");
        await again.WaitForAsync(m => DesiredValue(m, "valve-2") == "20", "resent valve-2");
        var twins = again.Received.Where(m => m.Content is TwinDesiredUpdate).Select(m => m.GetContent<TwinDesiredUpdate>()).ToList();

        // Merged per object (valve-1's value 10 is gone) and in order (valve-1 moved behind valve-2 when it changed again).
        Assert.Equal(["valve-2", "valve-1"], twins.Select(t => t.Name));
        foreach (var message in again.Received.Where(m => EdgeMessageKinds.Of(m.Content).Acknowledged))
        {
            await again.SendAsync(EdgeTestClient.Factory.Ack(message));
        }

        await Eventually.TrueAsync(async () => (await session.Pending()).Count == 0, Deadline, "acks cleared the outbox");
        await Eventually.TrueAsync(
            async () => (await valve1.Get()).Value!.Status.Twin["setpoint"] is { Sync: SyncState.InSync, ObservedDesired.Value: "11" },
            Deadline,
            "valve-1's observed desired value is 11");
        await again.DisposeAsync();

        var (third, _) = await EdgeTestClient.ConnectWelcomedAsync(Host.EdgeUri, welcome.NodeCredential!, "desired-1", autoAck: false);
        await using var _3 = third;
        var status = EdgeTestClient.Factory.Upload(new UploadEvent { Topic = "$hw/events/upload/c", Payload = [3], Sequence = 9 });
        await third.SendAsync(status);
        await third.AnswerToAsync(status.Id);
        Assert.DoesNotContain(third.Received, m => m.Content is TwinDesiredUpdate);
    }

    internal static EdgeMessage Reported(string device, string property, string value, long edgeVersion, long sequence) =>
        EdgeTestClient.Factory.TwinReported(new TwinReportedUpdate
        {
            Namespace = "default",
            Name = device,
            Properties = new Dictionary<string, TwinReportedProperty>
            {
                [property] = new() { Value = value, EdgeVersion = edgeVersion, Timestamp = 1_732_233_600_000 + edgeVersion },
            },
            Sequence = sequence,
        });

    internal static string? DesiredValue(EdgeMessage message, string device) =>
        message.Content is TwinDesiredUpdate twin && twin.Name == device && twin.Properties.TryGetValue("setpoint", out var p) ? p.Value : null;
}
