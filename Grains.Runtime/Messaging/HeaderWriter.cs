using System.Text;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Writes header primitives into a span the caller sized with the <c>Size</c> helpers: LEB128 varints, zigzag for
/// signed values, strings as varint byte length + UTF-8.
/// </summary>
internal ref struct HeaderWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="destination"/>.</summary>
    public HeaderWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => _destination[_position++] = value;

    /// <summary>Writes an unsigned LEB128 varint (7 bits per byte, high bit = more follows).</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _destination[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _destination[_position++] = (byte)value;
    }

    /// <summary>Writes a signed value zigzag-encoded, so small negative numbers stay short.</summary>
    public void WriteZigZag(int value) => WriteVarint(ZigZag(value));

    /// <summary>Writes the UTF-8 byte length as a varint, then the bytes.</summary>
    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)count);
        _position += Encoding.UTF8.GetBytes(value, _destination[_position..]);
    }

    /// <summary>Encoded size of <see cref="WriteVarint"/>.</summary>
    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Encoded size of <see cref="WriteZigZag"/>.</summary>
    public static int ZigZagSize(int value) => VarintSize(ZigZag(value));

    /// <summary>Encoded size of <see cref="WriteString"/>.</summary>
    public static int StringSize(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        return VarintSize((uint)count) + count;
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));
}
