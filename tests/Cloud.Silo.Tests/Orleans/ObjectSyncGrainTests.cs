using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary><c>ObjectSyncGrain</c> on Orleans, in a two-silo in-process cluster.</summary>
public sealed class ObjectSyncGrainTests(OrleansGrainCluster cluster) : IClassFixture<OrleansGrainCluster>
{
    [Fact]
    public async Task Versions_only_move_forward_and_the_record_is_in_the_read_model_until_deleted()
    {
        var sync = cluster.Grains.GetGrain<IObjectSyncGrain>("edge-1|device|default/d1");
        Assert.Equal(OperationStatus.NotFound, (await sync.Get()).Status);

        Assert.Equal(5, (await sync.RecordSent(5)).LastSentVersion);
        Assert.Equal(5, (await sync.RecordSent(3)).LastSentVersion);
        var acked = await sync.Ack(4);
        Assert.Equal((5L, 4L, true), (acked.LastSentVersion, acked.LastAckedVersion, acked.Pending));
        Assert.Equal(4, (await sync.Ack(2)).LastAckedVersion);

        var read = await sync.Get();
        Assert.True(read.IsOk);
        Assert.Equal(ETags.Format(5), read.ETag);
        Assert.Equal(("edge-1", ObjectKind.Device, "default/d1"), (read.Value!.NodeName, read.Value.Kind, read.Value.ObjectKey));
        var pending = await cluster.Queries.ListAsync(new ObjectSyncListQuery { Node = "edge-1", Pending = true }, CancellationToken.None);
        Assert.Equal("default/d1", Assert.Single(pending.Items).ObjectKey);

        Assert.False((await sync.Ack(5)).Pending);
        Assert.Equal(0, (await cluster.Queries.ListAsync(new ObjectSyncListQuery { Node = "edge-1", Pending = true }, CancellationToken.None)).Total);

        await sync.Delete();
        Assert.Equal(OperationStatus.NotFound, (await sync.Get()).Status);
        Assert.Equal(0, (await cluster.Queries.ListAsync(new ObjectSyncListQuery { Node = "edge-1" }, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task A_key_that_is_not_node_kind_object_fails_the_call_with_its_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.Grains.GetGrain<IObjectSyncGrain>("not-a-sync-key").RecordSent(1));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }
}
