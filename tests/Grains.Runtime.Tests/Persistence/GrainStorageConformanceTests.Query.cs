using System.Text;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>Query rules: filters, sorting, keyset paging, totals and argument checks.</summary>
public abstract partial class GrainStorageConformanceTests
{
    private async Task SeedAsync(params (string Key, string[] Index)[] grains)
    {
        foreach (var (key, index) in grains)
        {
            await Storage.WriteAsync(Type, key, $"payload-{key}", 0, Index(index), CancellationToken.None);
        }
    }

    [Fact]
    public async Task Filter_matches_grains_with_that_index_value()
    {
        await SeedAsync(("a", ["node:n1"]), ("b", ["node:n2"]), ("c", ["node:n1"]), ("d", []));

        var page = await Storage.QueryAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1")] }, CancellationToken.None);

        Assert.Equal(["a", "c"], page.Items.Select(i => i.Key));
        Assert.Equal(("payload-a", 1L), (page.Items[0].Payload, page.Items[0].Version));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Every_one_of_1200_index_entries_of_a_grain_is_written_and_replaced_on_update()
    {
        // More entries than one INSERT statement carries, so the index write spans several statements.
        IReadOnlyList<IndexEntry> Labels(string prefix) => [.. Enumerable.Range(0, 1200).Select(i => new IndexEntry("tag", $"{prefix}{i:D4}"))];
        await Storage.WriteAsync(Type, "many", "{}", 0, Labels("old"), CancellationToken.None);
        await Storage.WriteAsync(Type, "many", "{}", 1, Labels("new"), CancellationToken.None);

        foreach (var value in new[] { "new0000", "new0499", "new0500", "new1199" })
        {
            var page = await Storage.QueryAsync(new GrainQuery { GrainType = Type, Filters = [new("tag", value)] }, CancellationToken.None);
            Assert.Equal(["many"], page.Items.Select(i => i.Key));
        }

        var old = await Storage.QueryAsync(
            new GrainQuery { GrainType = Type, Filters = [new("tag", "old", Prefix: true)], IncludeTotal = true }, CancellationToken.None);
        Assert.Equal(0, old.Total);
    }

    [Fact]
    public async Task Several_filters_must_all_match()
    {
        await SeedAsync(
            ("a", ["node:n1", "model:m1"]),
            ("b", ["node:n1", "model:m2"]),
            ("c", ["node:n2", "model:m1"]),
            ("d", ["node:n1", "model:m1", "label:x"]));

        var keys = await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", "n1"), new("model", "m1")] });

        Assert.Equal(["a", "d"], keys);
    }

    [Fact]
    public async Task Multi_valued_labels_filter_without_duplicate_rows()
    {
        await SeedAsync(
            ("a", ["label:zone=north", "label:zone=south", "label:tier=gold"]),
            ("b", ["label:zone=north"]),
            ("c", ["label:tier=gold"]));

        var bothLabels = await KeysAsync(new GrainQuery
        {
            GrainType = Type,
            Filters = [new("label", "zone=north"), new("label", "tier=gold")],
        });
        var anyZone = await Storage.QueryAsync(
            new GrainQuery { GrainType = Type, Filters = [new("label", "zone=", Prefix: true)], IncludeTotal = true },
            CancellationToken.None);

        Assert.Equal(["a"], bothLabels);
        Assert.Equal(["a", "b"], anyZone.Items.Select(i => i.Key));
        Assert.Equal(2, anyZone.Total);
    }

    [Fact]
    public async Task Prefix_filters_match_case_sensitively_and_treat_wildcards_literally()
    {
        await SeedAsync(
            ("p1", ["v:a%b"]), ("p2", ["v:a_b"]), ("p3", ["v:axb"]), ("p4", ["v:a*c"]), ("p5", ["v:a?c"]),
            ("p6", ["v:a[c]"]), ("p7", ["v:a\\d"]), ("p8", ["v:Abc"]));

        async Task<string[]> Matching(string prefix) =>
            await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("v", prefix, Prefix: true)] });

        Assert.Equal(["p1"], await Matching("a%"));
        Assert.Equal(["p2"], await Matching("a_"));
        Assert.Equal(["p4"], await Matching("a*"));
        Assert.Equal(["p5"], await Matching("a?"));
        Assert.Equal(["p6"], await Matching("a[c"));
        Assert.Equal(["p7"], await Matching("a\\"));
        Assert.Equal(["p8"], await Matching("A"));
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6", "p7"], await Matching("a"));
        Assert.Equal(8, (await Matching("")).Length);
    }

    [Fact]
    public async Task Key_prefix_limits_the_keys()
    {
        await SeedAsync(("default/a", []), ("default/b", []), ("defaultXb", []), ("other/a", []), ("default_/c", []));

        Assert.Equal(["default/a", "default/b"], await KeysAsync(new GrainQuery { GrainType = Type, KeyPrefix = "default/" }));
        Assert.Equal(["default_/c"], await KeysAsync(new GrainQuery { GrainType = Type, KeyPrefix = "default_" }));
    }

    [Fact]
    public async Task Values_with_sql_syntax_are_plain_data()
    {
        const string hostile = "x'); DELETE FROM grain_state; --";
        await SeedAsync((hostile, [$"node:{hostile}"]), ("b", ["node:n1"]));

        Assert.Equal([hostile], await KeysAsync(new GrainQuery { GrainType = Type, Filters = [new("node", hostile)] }));
        Assert.Equal([hostile], await KeysAsync(new GrainQuery { GrainType = Type, KeyPrefix = "x')" }));
        Assert.Equal(2, (await KeysAsync(new GrainQuery { GrainType = Type })).Length);
    }

    [Fact]
    public async Task Sort_by_key_uses_code_point_order_in_both_directions()
    {
        // U+FF21 is above 'z'; U+1F600 is above U+FF21 by code point (and UTF-8 bytes) but not by UTF-16 code unit.
        await SeedAsync(("\U0001F600", []), ("b", []), ("\uFF21", []), ("a", []), ("B", []));

        string[] ascending = ["B", "a", "b", "\uFF21", "\U0001F600"];
        Assert.Equal(ascending, await KeysAsync(new GrainQuery { GrainType = Type }));
        Assert.Equal(ascending.Reverse(), await KeysAsync(new GrainQuery { GrainType = Type, Descending = true }));
    }

    [Fact]
    public async Task Sort_by_index_puts_grains_without_it_last_in_both_directions_and_breaks_ties_by_key()
    {
        await SeedAsync(("k1", ["model:b"]), ("k2", ["model:a"]), ("k3", []), ("k4", ["model:b"]), ("k5", ["node:x"]));

        Assert.Equal(
            ["k2", "k1", "k4", "k3", "k5"],
            await KeysAsync(new GrainQuery { GrainType = Type, SortBy = "model" }));
        Assert.Equal(
            ["k4", "k1", "k2", "k5", "k3"],
            await KeysAsync(new GrainQuery { GrainType = Type, SortBy = "model", Descending = true }));
    }

    [Fact]
    public async Task Sort_by_a_multi_valued_index_uses_its_smallest_value()
    {
        await SeedAsync(("a", ["label:m", "label:z"]), ("b", ["label:c", "label:y"]), ("c", ["label:n"]));

        Assert.Equal(["b", "a", "c"], await KeysAsync(new GrainQuery { GrainType = Type, SortBy = "label" }));
        Assert.Equal(["c", "a", "b"], await KeysAsync(new GrainQuery { GrainType = Type, SortBy = "label", Descending = true }));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData("rack", false)]
    [InlineData("rack", true)]
    public async Task Paging_250_rows_by_100_visits_every_row_once_in_order(string? sortBy, bool descending)
    {
        var rows = Enumerable.Range(0, 250)
            .Select(i => (Key: $"dev-{i * 7919 % 250:D3}", Rack: i % 10 == 0 ? null : $"r{i % 7}"))
            .ToList();
        await SeedAsync([.. rows.Select(r => (r.Key, r.Rack is null ? new[] { "node:n1" } : ["node:n1", $"rack:{r.Rack}"]))]);
        var expected = Expected(rows, sortBy, descending);

        var visited = new List<string>();
        var query = new GrainQuery { GrainType = Type, SortBy = sortBy, Descending = descending, Limit = 100, IncludeTotal = true };
        var pages = 0;
        do
        {
            var page = await Storage.QueryAsync(query, CancellationToken.None);
            Assert.Equal(250, page.Total);
            Assert.InRange(page.Items.Count, 1, 100);
            visited.AddRange(page.Items.Select(i => i.Key));
            query = query with { Cursor = page.NextCursor };
            pages++;
        }
        while (query.Cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(expected, visited);
    }

    private static List<string> Expected(List<(string Key, string? Rack)> rows, string? sortBy, bool descending)
    {
        // The test's own statement of the order (ASCII only, so ordinal order is code-point order).
        var sorted = sortBy is null
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList()
            : rows.OrderBy(r => r.Rack is null).ThenBy(r => r.Rack, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        if (descending)
        {
            sorted = sortBy is null
                ? [.. sorted.AsEnumerable().Reverse()]
                : [.. sorted.Where(r => r.Rack is not null).Reverse(), .. sorted.Where(r => r.Rack is null).Reverse()];
        }

        return [.. sorted.Select(r => r.Key)];
    }

    [Fact]
    public async Task Total_counts_every_match_not_only_the_page()
    {
        await SeedAsync(("a", ["node:n1"]), ("b", ["node:n1"]), ("c", ["node:n1"]), ("d", ["node:n2"]));

        var page = await Storage.QueryAsync(
            new GrainQuery { GrainType = Type, Filters = [new("node", "n1")], Limit = 2, IncludeTotal = true },
            CancellationToken.None);
        var withoutTotal = await Storage.QueryAsync(new GrainQuery { GrainType = Type, Limit = 2 }, CancellationToken.None);

        Assert.Equal((2, 3L), (page.Items.Count, page.Total));
        Assert.NotNull(page.NextCursor);
        Assert.Null(withoutTotal.Total);
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("")]
    [InlineData("e30")] // {}
    [InlineData("WzEsMl0")] // [1,2]
    public async Task Malformed_cursor_is_rejected_with_a_clear_message(string cursor)
    {
        await SeedAsync(("a", []));

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Storage.QueryAsync(new GrainQuery { GrainType = Type, Cursor = cursor }, CancellationToken.None));

        Assert.Contains("cursor is malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cursor_of_another_sort_order_is_rejected()
    {
        await SeedAsync(("a", ["rack:1"]), ("b", ["rack:2"]));
        var first = await Storage.QueryAsync(new GrainQuery { GrainType = Type, Limit = 1 }, CancellationToken.None);
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"s\":null,\"d\":false,\"v\":\"x\",\"k\":\"a\"}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.QueryAsync(
            new GrainQuery { GrainType = Type, SortBy = "rack", Cursor = first.NextCursor }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.QueryAsync(
            new GrainQuery { GrainType = Type, Descending = true, Cursor = first.NextCursor }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.QueryAsync(
            new GrainQuery { GrainType = Type, Cursor = forged }, CancellationToken.None));
        Assert.Equal(["b"], await KeysAsync(new GrainQuery { GrainType = Type, Cursor = first.NextCursor }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task Limit_outside_1_to_1000_is_rejected(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Storage.QueryAsync(new GrainQuery { GrainType = Type, Limit = limit }, CancellationToken.None));
    }
}
