using System.Collections.Concurrent;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Returns one shared string instance for short, frequently repeated values (interface names, grain types) so that
/// decoding a request does not allocate them again. Lookups by <see cref="ReadOnlySpan{T}"/> do not allocate. The
/// cache stops growing at a fixed size: the names come from the peer, and a peer must not be able to fill our memory.
/// </summary>
internal sealed class InternedStringCache
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;
    private int _count;

    /// <summary>Creates a cache holding at most <paramref name="maxEntries"/> strings of at most
    /// <paramref name="maxLength"/> characters.</summary>
    public InternedStringCache(int maxEntries, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        _maxEntries = maxEntries;
        MaxLength = maxLength;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The cache the codec uses. A cluster has a few dozen grain interfaces and types; 1,024 leaves room.</summary>
    public static InternedStringCache Shared { get; } = new(maxEntries: 1024, maxLength: 256);

    /// <summary>Longer values are never cached; callers decode them directly.</summary>
    public int MaxLength { get; }

    /// <summary>The cached instance equal to <paramref name="value"/>, or a new string (cached while there is room).</summary>
    public string GetOrAdd(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = value.ToString();
        if (value.Length <= MaxLength && Volatile.Read(ref _count) < _maxEntries && _strings.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }

        return created;
    }
}
