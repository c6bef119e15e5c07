using System.Buffers.Binary;
using System.Text;

namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>Reads MQTT fields from one packet body; running past the end is a protocol error, not an index error.</summary>
internal ref struct MqttSpanReader
{
    // Strict decoding: MQTT requires well-formed UTF-8 and closes the connection otherwise (§1.5.3).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public MqttSpanReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Remaining => _span.Length - _position;

    public byte ReadByte()
    {
        Need(1);
        return _span[_position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_span[_position..]);
        _position += 2;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var slice = _span.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>A 2-byte length followed by that many bytes.</summary>
    public byte[] ReadBinary() => ReadBytes(ReadUInt16()).ToArray();

    /// <summary>A 2-byte length followed by well-formed UTF-8 without U+0000.</summary>
    public string ReadString()
    {
        var bytes = ReadBytes(ReadUInt16());
        string value;
        try
        {
            value = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MqttProtocolException("String is not well-formed UTF-8.", ex);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new MqttProtocolException("String contains U+0000.");
        }

        return value;
    }

    public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

    public readonly void EnsureEnd(string packet)
    {
        if (Remaining != 0)
        {
            throw new MqttProtocolException($"{packet} has {Remaining} unexpected trailing bytes.");
        }
    }

    private readonly void Need(int count)
    {
        if (Remaining < count)
        {
            throw new MqttProtocolException("Packet ends inside a field (remaining length too short).");
        }
    }
}
