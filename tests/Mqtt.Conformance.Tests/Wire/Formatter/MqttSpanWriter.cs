using System.Buffers.Binary;
using System.Text;

namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>Writes MQTT fields into a span sized beforehand by the formatter.</summary>
internal ref struct MqttSpanWriter
{
    private readonly Span<byte> _span;
    private int _position;

    public MqttSpanWriter(Span<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Position => _position;

    /// <summary>Encoded size of a length-prefixed string; throws when it cannot fit the 2-byte length.</summary>
    public static int SizeOf(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new MqttProtocolException($"String of {count} bytes exceeds 65535.");
        }

        return 2 + count;
    }

    /// <summary>Encoded size of length-prefixed binary data.</summary>
    public static int SizeOf(ReadOnlyMemory<byte> value) =>
        value.Length > ushort.MaxValue
            ? throw new MqttProtocolException($"Binary field of {value.Length} bytes exceeds 65535.")
            : 2 + value.Length;

    public void WriteByte(byte value) => _span[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_span[_position..], value);
        _position += 2;
    }

    public void WriteRemainingLength(int value) => _position += MqttRemainingLength.Write(value, _span[_position..]);

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetBytes(value, _span[(_position + 2)..]);
        WriteUInt16((ushort)count);
        _position += count;
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_position..]);
        _position += value.Length;
    }
}
