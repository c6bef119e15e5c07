using Orleans.Storage;
using System.Text.Json;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>Rules of the typed state API grains use, on top of each backend.</summary>
public abstract partial class GrainStorageConformanceTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private PersistentState<TestDeviceState> NewState(string key, Action<Exception>? onInconsistent = null) =>
        new(Storage, Type, key, Json, onInconsistent ?? (ex => throw new InvalidOperationException("unexpected conflict", ex)));

    [Fact]
    public async Task Persistent_state_without_a_row_reads_as_a_new_state()
    {
        var state = NewState("d1");

        await state.ReadStateAsync();

        Assert.Equal(new TestDeviceState(), state.State);
        Assert.Null(state.Etag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Persistent_state_round_trips_a_record_and_writes_its_index_entries()
    {
        var writer = NewState("d1");
        await writer.ReadStateAsync();
        writer.State = new TestDeviceState { Node = "edge-1", Model = "thermo", Labels = "zone=north,tier=gold", Reported = 7 };

        await writer.WriteStateAsync();
        Assert.Equal(("1", true), (writer.Etag, writer.RecordExists));
        writer.State = writer.State with { Reported = 8 };
        await writer.WriteStateAsync();

        var reader = NewState("d1");
        await reader.ReadStateAsync();
        Assert.Equal(writer.State, reader.State);
        Assert.Equal("2", reader.Etag);
        Assert.Contains("\"reported\":8", (await Storage.ReadAsync(Type, "d1", CancellationToken.None))!.Payload, StringComparison.Ordinal);
        Assert.Equal(["d1"], await KeysAsync(new GrainQuery
        {
            GrainType = Type,
            Filters = [new("node", "edge-1"), new("model", "thermo"), new("label", "tier=gold"), new("label", "zone=north")],
        }));
    }

    [Fact]
    public async Task Persistent_state_clear_deletes_and_resets_the_state()
    {
        var state = NewState("d1");
        state.State = new TestDeviceState { Node = "edge-1" };
        await state.WriteStateAsync();

        await state.ClearStateAsync();

        Assert.Equal((new TestDeviceState(), null, false), (state.State, state.Etag, state.RecordExists));
        Assert.Null(await Storage.ReadAsync(Type, "d1", CancellationToken.None));
        Assert.Empty(await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "edge-1")] }));
        state.State = new TestDeviceState { Node = "edge-2" };
        await state.WriteStateAsync();
        Assert.Equal("1", state.Etag);
    }

    [Fact]
    public async Task Persistent_state_stale_write_reports_the_conflict_and_rethrows()
    {
        var first = NewState("d1");
        await first.ReadStateAsync();
        var reported = new List<Exception>();
        var second = NewState("d1", reported.Add);
        await second.ReadStateAsync();
        first.State = new TestDeviceState { Node = "first" };
        await first.WriteStateAsync();

        second.State = new TestDeviceState { Node = "second" };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Same(error, Assert.Single(reported));
        Assert.Null(second.Etag);
        var stored = NewState("d1");
        await stored.ReadStateAsync();
        Assert.Equal("first", stored.State.Node);
    }
}
