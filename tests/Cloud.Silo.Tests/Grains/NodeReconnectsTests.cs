using EdgeHive.Cloud.Silo.Grains;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>The reconnect notices the pending-push sweeper reads: one sweep per waiting node, bounded.</summary>
public sealed class NodeReconnectsTests
{
    [Fact]
    public async Task A_node_notified_twice_before_its_sweep_is_swept_once_and_again_after()
    {
        var reconnects = new NodeReconnects();
        reconnects.Notify("edge-1"); // the session activated
        reconnects.Notify("edge-1"); // and attached the connection
        reconnects.Notify("edge-2");

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var reader = reconnects.ReadAllAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("edge-1", reader.Current);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("edge-2", reader.Current);
        Assert.Equal(0, reconnects.Count);

        // Taken by the sweeper: a new notice (a change while that sweep runs) queues the node again.
        reconnects.Notify("edge-1");
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("edge-1", reader.Current);
    }

    [Fact]
    public async Task Past_capacity_the_oldest_names_are_dropped_and_can_be_queued_again()
    {
        var reconnects = new NodeReconnects();
        for (var i = 0; i <= NodeReconnects.Capacity; i++)
        {
            reconnects.Notify("edge-" + i);
        }

        Assert.Equal(NodeReconnects.Capacity, reconnects.Count);
        reconnects.Notify("edge-0"); // dropped, so it is not waiting any more: it queues again (dropping edge-1)
        Assert.Equal(NodeReconnects.Capacity, reconnects.Count);

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var names = new List<string>();
        await foreach (var node in reconnects.ReadAllAsync(cancel.Token))
        {
            names.Add(node);
            if (names.Count == NodeReconnects.Capacity)
            {
                break;
            }
        }

        Assert.Equal("edge-2", names[0]);
        Assert.Equal("edge-0", names[^1]);
        Assert.DoesNotContain("edge-1", names);
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
