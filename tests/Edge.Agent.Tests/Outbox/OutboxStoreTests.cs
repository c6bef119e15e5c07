using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Agent.Tests.Infrastructure;

namespace EdgeHive.Edge.Agent.Tests.Outbox;

public sealed class OutboxStoreTests
{
    [Fact]
    public async Task Entries_survive_reopening_the_database_and_come_back_in_order()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var outbox = new OutboxStore(temp.Database, TimeProvider.System, 100);
        for (var i = 0; i < 5; i++)
        {
            await outbox.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, $"{{\"n\":{i}}}")], default);
        }

        await temp.ReopenAsync();
        outbox = new OutboxStore(temp.Database, TimeProvider.System, 100);

        var pending = await outbox.ReadPendingAsync(0, 100, default);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{{\"n\":{i}}}"), pending.Select(e => e.Payload));
        Assert.Equal(pending.Select(e => e.Seq).Order(), pending.Select(e => e.Seq));
    }

    [Fact]
    public async Task Only_acknowledged_entries_are_deleted()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var outbox = new OutboxStore(temp.Database, TimeProvider.System, 100);
        var entries = await outbox.AppendAsync([Draft("a"), Draft("b"), Draft("c")], default);

        var deleted = await outbox.AcknowledgeAsync([entries[1].Seq, 999_999], default);

        Assert.Equal(1, deleted);
        Assert.Equal([entries[0].Seq, entries[2].Seq], (await outbox.ReadPendingAsync(0, 100, default)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Sequence_numbers_are_never_reused_after_the_newest_was_acknowledged()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var outbox = new OutboxStore(temp.Database, TimeProvider.System, 100);
        var first = await outbox.AppendAsync([Draft("a")], default);
        await outbox.AcknowledgeAsync([first[0].Seq], default);

        await temp.ReopenAsync();
        var second = await new OutboxStore(temp.Database, TimeProvider.System, 100).AppendAsync([Draft("b")], default);

        Assert.True(second[0].Seq > first[0].Seq);
    }

    [Fact]
    public async Task Over_capacity_twin_reports_are_coalesced_to_the_newest_per_property_and_state_changes_are_kept()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var outbox = new OutboxStore(temp.Database, TimeProvider.System, capacity: 3);
        await outbox.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, "s1")], default);
        for (var i = 1; i <= 5; i++)
        {
            await outbox.AppendAsync([new OutboxDraft(OutboxKinds.TwinReported, "twin:d/temp", $"t{i}")], default);
        }

        await outbox.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, "s2")], default);

        Assert.Equal(["s1", "t5", "s2"], (await outbox.ReadPendingAsync(0, 100, default)).Select(e => e.Payload));
        Assert.True(outbox.CoalescedCount >= 4);
    }

    [Fact]
    public async Task When_coalescing_is_not_enough_the_oldest_events_are_dropped_but_never_state_changes()
    {
        await using var temp = await TempAgentDatabase.CreateAsync();
        var outbox = new OutboxStore(temp.Database, TimeProvider.System, capacity: 3);
        await outbox.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, "s1"), new OutboxDraft(OutboxKinds.DeviceState, null, "s2")], default);
        for (var i = 1; i <= 4; i++)
        {
            await outbox.AppendAsync([new OutboxDraft(OutboxKinds.Event, null, $"e{i}")], default);
        }

        await outbox.AppendAsync([new OutboxDraft(OutboxKinds.DeviceState, null, "s3"), new OutboxDraft(OutboxKinds.DeviceState, null, "s4")], default);

        Assert.Equal(["s1", "s2", "s3", "s4"], (await outbox.ReadPendingAsync(0, 100, default)).Select(e => e.Payload));
        Assert.Equal(4, outbox.DroppedEventCount);
    }

    private static OutboxDraft Draft(string payload) => new(OutboxKinds.TwinReported, null, payload);
}
