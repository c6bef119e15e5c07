using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Tests.Reminders;

/// <summary>
/// What Orleans' reminder service expects of a reminder table, run against every table EdgeHive uses (SQLite for the
/// embedded silo, the AdoNet table on PostgreSQL with EdgeHive's schema). Ring ranges are checked against a
/// reference model of Orleans' ranges: (begin, end], wrapping when begin ≥ end, the whole ring when begin = end.
/// </summary>
public abstract class ReminderTableConformance : IAsyncLifetime
{
    private IReminderTable _table = null!;

    /// <summary>A started table for <paramref name="serviceId"/>; two calls with one service id share rows.</summary>
    protected abstract Task<IReminderTable> CreateTableAsync(string serviceId);

    public async Task InitializeAsync() => _table = await CreateTableAsync("service-a");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upserted_reminder_reads_back_with_its_etag()
    {
        var entry = Entry("device/1", "backstop", period: TimeSpan.FromSeconds(90));
        var etag = await _table.UpsertRow(entry);

        var row = await _table.ReadRow(entry.GrainId, "backstop");

        Assert.NotNull(etag);
        Assert.NotNull(row);
        Assert.Equal(etag, row.ETag);
        Assert.Equal(entry.GrainId, row.GrainId);
        Assert.Equal("backstop", row.ReminderName);
        Assert.Equal(TimeSpan.FromSeconds(90), row.Period);
        Assert.Equal(entry.StartAt, row.StartAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_values_and_the_etag()
    {
        var first = Entry("device/2", "r", period: TimeSpan.FromMinutes(1));
        var etag1 = await _table.UpsertRow(first);
        var second = Entry("device/2", "r", period: TimeSpan.FromMinutes(5), startAt: first.StartAt.AddHours(1));
        var etag2 = await _table.UpsertRow(second);

        var row = await _table.ReadRow(first.GrainId, "r");

        Assert.NotEqual(etag1, etag2);
        Assert.Equal(etag2, row!.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(second.StartAt, row.StartAt, TimeSpan.FromMilliseconds(1));
        Assert.Single((await _table.ReadRows(first.GrainId)).Reminders);
    }

    [Fact]
    public async Task Remove_with_a_stale_etag_keeps_the_reminder()
    {
        var entry = Entry("device/3", "r");
        var stale = await _table.UpsertRow(entry);
        var fresh = await _table.UpsertRow(entry);

        Assert.False(await _table.RemoveRow(entry.GrainId, "r", stale!));
        Assert.Equal(fresh, (await _table.ReadRow(entry.GrainId, "r"))!.ETag);
    }

    [Fact]
    public async Task Remove_with_the_fresh_etag_deletes_the_reminder_once()
    {
        var entry = Entry("device/4", "r");
        var etag = await _table.UpsertRow(entry);

        Assert.True(await _table.RemoveRow(entry.GrainId, "r", etag!));
        Assert.Null(await _table.ReadRow(entry.GrainId, "r"));
        Assert.False(await _table.RemoveRow(entry.GrainId, "r", etag!));
    }

    [Fact]
    public async Task A_reminder_registered_again_after_removal_never_gets_an_old_etag()
    {
        var entry = Entry("device/5", "r");
        var old = await _table.UpsertRow(entry);
        Assert.True(await _table.RemoveRow(entry.GrainId, "r", old!));

        var renewed = await _table.UpsertRow(entry);

        Assert.NotEqual(old, renewed);
        Assert.False(await _table.RemoveRow(entry.GrainId, "r", old!));
        Assert.NotNull(await _table.ReadRow(entry.GrainId, "r"));
    }

    [Fact]
    public async Task Missing_reminders_read_as_nothing()
    {
        Assert.Null(await _table.ReadRow(GrainId.Create("device", "none"), "r"));
        Assert.Empty((await _table.ReadRows(GrainId.Create("device", "none"))).Reminders);
        Assert.False(await _table.RemoveRow(GrainId.Create("device", "none"), "r", "1"));
    }

    [Fact]
    public async Task Rows_of_a_grain_are_its_reminders_only()
    {
        await _table.UpsertRow(Entry("node/a", "one"));
        await _table.UpsertRow(Entry("node/a", "two"));
        await _table.UpsertRow(Entry("node/b", "one"));

        var rows = await _table.ReadRows(GrainId.Create("node", "a"));

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order().ToArray());
    }

    [Fact]
    public async Task Services_do_not_see_each_others_reminders()
    {
        var other = await CreateTableAsync("service-b");
        await _table.UpsertRow(Entry("node/a", "mine"));
        await other.UpsertRow(Entry("node/a", "theirs"));

        Assert.Equal(["mine"], (await _table.ReadRows(GrainId.Create("node", "a"))).Reminders.Select(r => r.ReminderName));
        Assert.Equal(["theirs"], (await other.ReadRows(0, 0)).Reminders.Select(r => r.ReminderName));

        await other.TestOnlyClearTable();
        Assert.Empty((await other.ReadRows(0, 0)).Reminders);
        Assert.Single((await _table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Ring_ranges_match_Orleans_ranges_including_wrap_around()
    {
        var entries = Enumerable.Range(0, 300).Select(i => Entry("ring/" + i, "r")).ToArray();
        foreach (var entry in entries)
        {
            await _table.UpsertRow(entry);
        }

        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToArray();
        var cases = new List<(uint Begin, uint End)>
        {
            (0, 0), (0, uint.MaxValue), (uint.MaxValue, 0), (uint.MaxValue, uint.MaxValue),
            (0x70000000, 0x90000000), // crosses 2^31: not wrapping unsigned, "wrapping" in signed order
            (0x90000000, 0x70000000), // wraps past uint.MaxValue
            (0xF0000000, 0x10000000), // wraps unsigned, not in signed order
            (0x10000000, 0xF0000000),
            (hashes[10], hashes[200]), // begin excluded, end included
            (hashes[200], hashes[10]),
            (hashes[42], hashes[42]), // the whole ring
        };

        foreach (var (begin, end) in cases)
        {
            var expected = entries.Where(e => InRange(e.GrainId.GetUniformHashCode(), begin, end)).Select(e => e.GrainId.ToString()).Order();
            var actual = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Count()} rows, got {actual.Count()}");
        }
    }

    [Fact]
    public async Task Ranges_that_split_the_ring_return_every_reminder_exactly_once()
    {
        var entries = Enumerable.Range(0, 500).Select(i => Entry("split/" + (i % 250), "r" + (i / 250))).ToArray();
        await Task.WhenAll(entries.Select(e => _table.UpsertRow(e)));
        var random = new Random(9);
        var cuts = Enumerable.Range(0, 7).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Order().ToArray();

        var seen = new List<string>();
        for (var i = 0; i < cuts.Length; i++)
        {
            var rows = await _table.ReadRows(cuts[i], cuts[(i + 1) % cuts.Length]);
            seen.AddRange(rows.Reminders.Select(r => r.GrainId + "/" + r.ReminderName));
        }

        Assert.Equal(entries.Select(e => e.GrainId + "/" + e.ReminderName).Order(), seen.Order());
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Entry(string grain, string name, TimeSpan? period = null, DateTime? startAt = null)
    {
        var slash = grain.IndexOf('/', StringComparison.Ordinal);
        return new ReminderEntry
        {
            GrainId = GrainId.Create(grain[..slash], grain[(slash + 1)..]),
            ReminderName = name,
            StartAt = startAt ?? new DateTime(2026, 5, 1, 12, 30, 15, 250, DateTimeKind.Utc),
            Period = period ?? TimeSpan.FromMinutes(1),
        };
    }
}
