using System.Text;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// A hash that is the same in every process and every run (string.GetHashCode is randomised per process), used for
/// placement and for reminder ownership ranges. FNV-1a over the UTF-8 bytes, then a finaliser to spread the bits.
/// </summary>
public static class StableHash
{
    /// <summary>Hash of a grain id.</summary>
    public static uint Of(GrainId id) => Of(id.Type, id.Key);

    /// <summary>Hash of two strings, as if joined by '/'.</summary>
    public static uint Of(string type, string key)
    {
        var hash = 2166136261u;
        hash = Add(hash, type);
        hash = (hash ^ '/') * 16777619u;
        hash = Add(hash, key);
        return Mix(hash);
    }

    /// <summary>Hash of one string.</summary>
    public static uint Of(string value) => Mix(Add(2166136261u, value));

    private static uint Add(uint hash, string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static uint Mix(uint h)
    {
        // murmur3 fmix32: FNV alone clusters short keys that differ in the last byte.
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
