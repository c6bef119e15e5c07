using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The stored status of a node whose activation is lost while it is online: the node grain's Orleans reminder
/// (the backstop of its in-activation timer) activates it again on the next silo, which stores it as offline.</summary>
public sealed class NodeLivenessTests
{
    [Fact]
    public async Task A_node_online_when_its_silo_went_away_is_stored_offline_by_its_reminder_on_the_next_silo()
    {
        string path;
        await using (var silo = await CloudSilo.StartAsync(deadAfter: TimeSpan.FromSeconds(5)))
        {
            path = silo.Path;
            await Fixtures.RegisterNodeAsync(silo.Grains, "edge-a");
            var observer = silo.Grains.CreateObjectReference<IEdgeSessionObserver>(new RecordingObserver());
            var attachment = await silo.Grains.GetGrain<INodeSessionGrain>("edge-a").Attach(observer, "silo-a");
            Assert.Equal(NodeStatus.Online, (await silo.Grains.GetGrain<IEdgeNodeGrain>("edge-a").Heartbeat(attachment.Epoch)).Value);
        }

        // The silo is gone with the activation and its timer; the node is still stored as online.
        var queries = new GrainListQueries(GrainStateStoreFactory.Create(new SqliteDatabase(path).Dialect, "edgehive", TimeProvider.System));
        Assert.Equal(1, (await queries.ListAsync(new NodeListQuery { Status = "online" }, CancellationToken.None)).Total);

        // Nothing calls the node on the next silo: only its reminder can activate it.
        await using var next = await CloudSilo.StartAsync(deadAfter: TimeSpan.FromSeconds(1), path: path);
        await Eventually.TrueAsync(
            async () => (await next.Queries.ListAsync(new NodeListQuery { Status = "offline" }, CancellationToken.None)).Total == 1,
            TimeSpan.FromSeconds(60),
            "the reminder activates the node, which stores it as offline");
    }
}
