using System.Diagnostics;
using System.Globalization;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using EdgeHive.Testing;
using Xunit.Abstractions;

namespace EdgeHive.Cloud.Silo.Tests.Gateway;

/// <summary>
/// Issue 3's proof on PostgreSQL with three in-process silo hosts on their own ports: the node's silo is killed
/// without goodbye (runtime killed, sockets dropped without a close frame), the node reconnects to another silo, a
/// desired change made through the third silo during the outage arrives exactly once, and 1,000 reported values sent
/// across the failover all arrive with the last one winning.
/// </summary>
public sealed class GatewayFailoverTests(ITestOutputHelper output)
{
    private const int Reports = 1000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Node_fails_over_to_another_silo_and_loses_nothing()
    {
        var database = await TestDatabases.CreatePostgresDatabaseAsync("gw");
        var settings = new Dictionary<string, string?>
        {
            // The agent side of this test sends as fast as it can; the limit is not what is tested here.
            ["Gateway:RateLimitPerSecond"] = "100000",
            ["Gateway:RateLimitBurst"] = "100000",
        };
        var a = await GatewayHost.StartPostgresAsync(database, settings);
        await using var b = await GatewayHost.StartPostgresAsync(database, settings);
        await using var c = await GatewayHost.StartPostgresAsync(database, settings);
        await Eventually.TrueAsync(
            () => new[] { a, b, c }.All(h => h.ActiveSilos == 3),
            Deadline,
            "three active silos");

        var token = await c.CreateJoinTokenAsync();
        var (onA, welcome) = await EdgeTestClient.ConnectWelcomedAsync(a.EdgeUri, token, "ha-1");
        await c.CreateDeviceAsync("ha-1", "ha-sensor");
        var session = c.Grains.GetGrain<INodeSessionGrain>("ha-1");
        Assert.Equal(a.SiloAddress, (await session.Get()).Silo);

        // The agent's outbox: every report stays until an ack names it.
        var outbox = Enumerable.Range(1, Reports)
            .Select(i => EdgeGatewayTests.Reported("ha-sensor", "temperature", i.ToString(CultureInfo.InvariantCulture), edgeVersion: i, sequence: i))
            .ToList();
        var half = outbox.Take(Reports / 2).ToList();
        foreach (var batch in half.Chunk(50))
        {
            await onA.SendBatchAsync(batch);
        }

        // Kill A while reports are in flight.
        var clock = Stopwatch.StartNew();
        await a.KillAsync();
        var ackedOnA = Acked(onA);
        await onA.DisposeAsync();

        // During the outage an operator changes the desired value through C (retried while the cluster notices
        // that A is gone and the grains A held move).
        var device = c.Grains.GetGrain<IDeviceGrain>("default/ha-sensor");
        await Eventually.TrueAsync(
            async () => (await device.SetDesired(new Dictionary<string, string?> { ["setpoint"] = "42" }, null)).IsOk,
            Deadline,
            "desired value set through silo C");
        var desiredVersion = (await device.Get()).Value!.Status.Twin["setpoint"].Desired!.Version;
        output.WriteLine($"desired value set through C after {clock.Elapsed.TotalSeconds:0.00} s");

        // The agent reconnects to B with its credential (retrying while A's session is being taken over).
        EdgeTestClient? onB = null;
        await Eventually.TrueAsync(
            async () =>
            {
                output.WriteLine($"connect attempt to B at {clock.Elapsed.TotalSeconds:0.00} s");
                var (client, again) = await EdgeTestClient.ConnectWelcomedAsync(b.EdgeUri, welcome.NodeCredential!, "ha-1");
                if (again.SessionEpoch > welcome.SessionEpoch && !client.Closed)
                {
                    onB = client;
                    return true;
                }

                await client.DisposeAsync();
                return false;
            },
            Deadline,
            "reconnected to silo B");
        var failover = clock.Elapsed;
        output.WriteLine($"failover (kill of A → welcome on B): {failover.TotalSeconds:0.00} s");
        await using var _ = onB!;

        // Replay what A did not acknowledge, then the rest of the reports.
        var unacked = half.Where(m => !ackedOnA.Contains(m.Id)).ToList();
        output.WriteLine($"reports acked by A before the kill: {ackedOnA.Count}; replayed to B: {unacked.Count}");
        foreach (var batch in unacked.Concat(outbox.Skip(Reports / 2)).Chunk(50))
        {
            await onB!.SendBatchAsync(batch);
        }

        await Eventually.TrueAsync(
            () =>
            {
                var acked = Acked(onB!);
                return outbox.All(m => ackedOnA.Contains(m.Id) || acked.Contains(m.Id));
            },
            Deadline,
            "every report acknowledged");
        Assert.DoesNotContain(onB!.Received, m => m.Content is ErrorResult);

        var stored = (await c.Grains.GetGrain<IDeviceGrain>("default/ha-sensor").Get()).Value!;
        Assert.Equal(Reports.ToString(CultureInfo.InvariantCulture), stored.Status.Twin["temperature"].Reported!.Value);
        Assert.Equal(Reports, stored.Status.Twin["temperature"].Reported!.EdgeVersion);

        // The desired change reached the node exactly once for its version, and the node's ack cleared it.
        await onB!.WaitForAsync(m => EdgeGatewayTests.DesiredValue(m, "ha-sensor") == "42", "desired value on the socket");
        var deliveries = onB!.Received.Count(m =>
            m.Content is TwinDesiredUpdate twin && twin.Properties.TryGetValue("setpoint", out var p) && p.CloudVersion == desiredVersion);
        Assert.Equal(1, deliveries);
        await Eventually.TrueAsync(async () => (await session.Pending()).Count == 0, Deadline, "outbox empty after the ack");
        await Eventually.TrueAsync(
            async () => (await device.Get()).Value!.Status.Twin["setpoint"].Sync == SyncState.InSync,
            Deadline,
            "setpoint in sync");
        Assert.Equal(b.SiloAddress, (await session.Get()).Silo);
    }

    private static HashSet<string> Acked(EdgeTestClient client) =>
        client.Received.Where(m => m.Content is Ack && m.Header.ParentId is not null).Select(m => m.Header.ParentId!).ToHashSet(StringComparer.Ordinal);
}
