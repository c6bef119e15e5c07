using System.Text;
using System.Text.Unicode;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Reads the primitives <see cref="HeaderWriter"/> writes from one complete header. Every read checks bounds and
/// throws <see cref="MalformedFrameException"/> instead of reading past the header.
/// </summary>
internal ref struct HeaderReader
{
    private readonly ReadOnlySpan<byte> _header;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="header"/>.</summary>
    public HeaderReader(ReadOnlySpan<byte> header)
    {
        _header = header;
        _position = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _header.Length - _position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _header.Length)
        {
            throw Truncated();
        }

        return _header[_position++];
    }

    /// <summary>Reads a varint of at most 64 bits.</summary>
    public ulong ReadVarint64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            // The tenth byte may only carry the single remaining bit of a 64-bit value.
            if (shift == 63 && b > 1)
            {
                throw new MalformedFrameException("Varint overflows 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new MalformedFrameException("Varint overflows 64 bits.");
    }

    /// <summary>Reads a varint of at most 32 bits.</summary>
    public uint ReadVarint32()
    {
        var value = ReadVarint64();
        if (value > uint.MaxValue)
        {
            throw new MalformedFrameException("Varint overflows 32 bits.");
        }

        return (uint)value;
    }

    /// <summary>Reads a zigzag-encoded signed 32-bit value.</summary>
    public int ReadZigZag32()
    {
        var value = ReadVarint32();
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    /// <summary>Reads a count of items that each take at least one header byte (so it cannot exceed what is left).</summary>
    public int ReadCount()
    {
        var count = ReadVarint32();
        if (count > (uint)Remaining)
        {
            throw new MalformedFrameException($"Count {count} exceeds the {Remaining} header bytes left.");
        }

        return (int)count;
    }

    /// <summary>Reads a varint-length UTF-8 string; short ones come from <paramref name="cache"/> when given.</summary>
    public string ReadString(InternedStringCache? cache)
    {
        var length = ReadVarint32();
        if (length > (uint)Remaining)
        {
            throw new MalformedFrameException($"String of {length} bytes exceeds the {Remaining} header bytes left.");
        }

        var bytes = _header.Slice(_position, (int)length);
        _position += (int)length;
        if (cache is not null && bytes.Length <= cache.MaxLength)
        {
            // UTF-8 never yields more UTF-16 chars than it has bytes, so the stack buffer is big enough.
            Span<char> chars = stackalloc char[bytes.Length];
            if (Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            {
                throw InvalidUtf8();
            }

            return cache.GetOrAdd(chars[..written]);
        }

        if (!Utf8.IsValid(bytes))
        {
            throw InvalidUtf8();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static MalformedFrameException Truncated() => new("Header ends in the middle of a field.");

    private static MalformedFrameException InvalidUtf8() => new("String is not valid UTF-8.");
}
