namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>
/// An immutable picture of the membership table at one version, as this silo last read it. Consumers (placement,
/// directory, reminders) work from one view at a time so that their decisions are consistent with each other.
/// </summary>
internal sealed class MembershipView
{
    private readonly Dictionary<SiloAddress, MembershipEntry> _entries;

    private MembershipView(long version, Dictionary<SiloAddress, MembershipEntry> entries)
    {
        Version = version;
        _entries = entries;
        var active = entries.Values.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo).ToList();
        active.Sort(Compare);
        ActiveSilos = active;
    }

    /// <summary>The view before anything was read: version -1 (older than any table), no silos.</summary>
    public static MembershipView Empty { get; } = new(-1, []);

    /// <summary>The table version this view was read at.</summary>
    public long Version { get; }

    /// <summary>Every silo row, active or not, by address.</summary>
    public IReadOnlyDictionary<SiloAddress, MembershipEntry> Entries => _entries;

    /// <summary>Active silos ordered by host (ordinal), port and generation, so every silo sees the same order.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>Builds a view from a table snapshot.</summary>
    public static MembershipView FromSnapshot(MembershipSnapshot snapshot)
    {
        var entries = new Dictionary<SiloAddress, MembershipEntry>(snapshot.Rows.Count);
        foreach (var row in snapshot.Rows)
        {
            entries[row.Entry.Silo] = row.Entry;
        }

        return new MembershipView(snapshot.Version, entries);
    }

    /// <summary>True if <paramref name="silo"/> is in the table with status Active.</summary>
    public bool IsActive(SiloAddress silo) => GetStatus(silo) == SiloStatus.Active;

    /// <summary>The status of <paramref name="silo"/>, or null if the table has no row for it.</summary>
    public SiloStatus? GetStatus(SiloAddress silo) => _entries.TryGetValue(silo, out var entry) ? entry.Status : null;

    /// <summary>The row of <paramref name="silo"/>, if any.</summary>
    public bool TryGetEntry(SiloAddress silo, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MembershipEntry? entry) =>
        _entries.TryGetValue(silo, out entry);

    /// <inheritdoc />
    public override string ToString() =>
        $"v{Version}: [{string.Join(", ", _entries.Values.OrderBy(e => e.Silo, Comparer<SiloAddress>.Create(Compare)).Select(e => $"{e.Silo} {e.Status}"))}]";

    /// <summary>The deterministic silo order used by <see cref="ActiveSilos"/>.</summary>
    public static int Compare(SiloAddress? x, SiloAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byHost = string.CompareOrdinal(x.Host, y.Host);
        if (byHost != 0)
        {
            return byHost;
        }

        var byPort = x.Port.CompareTo(y.Port);
        return byPort != 0 ? byPort : x.Generation.CompareTo(y.Generation);
    }
}
