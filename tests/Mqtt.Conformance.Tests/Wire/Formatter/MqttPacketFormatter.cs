using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>
/// The pure MQTT 3.1.1 codec: bytes to packets and back, with no sockets and no async. Reading validates everything
/// the spec says a receiver MUST reject and throws <see cref="MqttProtocolException"/>; callers close the connection.
/// </summary>
internal sealed partial class MqttPacketFormatter
{
    /// <summary>The largest packet 3.1.1 can express: 1 header byte + 4 length bytes + 268,435,455.</summary>
    public const int ProtocolMaxPacketSize = 1 + 4 + MqttRemainingLength.Max;

    /// <summary>Creates a formatter that rejects packets larger than <paramref name="maxPacketSize"/> bytes in total.</summary>
    public MqttPacketFormatter(int maxPacketSize = ProtocolMaxPacketSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketSize, 2);
        MaxPacketSize = maxPacketSize;
    }

    /// <summary>Largest accepted packet, fixed header included.</summary>
    public int MaxPacketSize { get; }

    /// <summary>
    /// Reads exactly one packet from the front of <paramref name="buffer"/> and slices it off. Returns false, leaving
    /// the buffer untouched, when the packet is not complete yet. A packet announced larger than the limit is rejected
    /// as soon as its header arrives, before its body is buffered.
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MqttPacket? packet)
    {
        packet = null;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var header))
        {
            return false;
        }

        var remaining = 0;
        var multiplier = 1;
        for (var i = 0; ; i++)
        {
            if (!reader.TryRead(out var digit))
            {
                return false;
            }

            if (i == 3 && (digit & 0x80) != 0)
            {
                throw new MqttProtocolException("Remaining length is longer than 4 bytes.");
            }

            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0)
            {
                break;
            }
        }

        var total = (long)reader.Consumed + remaining;
        if (total > MaxPacketSize)
        {
            throw new MqttProtocolException($"Packet of {total} bytes exceeds the limit of {MaxPacketSize}.");
        }

        if (reader.Remaining < remaining)
        {
            return false;
        }

        var body = buffer.Slice(reader.Position, remaining);
        packet = body.IsSingleSegment ? Parse(header, body.FirstSpan) : Parse(header, body.ToArray());
        buffer = buffer.Slice(body.End);
        return true;
    }

    /// <summary>Writes <paramref name="packet"/> to <paramref name="output"/> in one contiguous span.</summary>
    public void Write(MqttPacket packet, IBufferWriter<byte> output)
    {
        var bodySize = BodySize(packet);
        if (bodySize > MqttRemainingLength.Max)
        {
            throw new MqttProtocolException($"Packet body of {bodySize} bytes exceeds the MQTT maximum.");
        }

        var total = 1 + MqttRemainingLength.SizeOf(bodySize) + bodySize;
        var writer = new MqttSpanWriter(output.GetSpan(total));
        writer.WriteByte(FixedHeader(packet));
        writer.WriteRemainingLength(bodySize);
        WriteBody(packet, ref writer);
        output.Advance(writer.Position);
    }

    /// <summary>The packet's encoded size in bytes, fixed header included.</summary>
    public static int SizeOf(MqttPacket packet)
    {
        var body = BodySize(packet);
        return 1 + MqttRemainingLength.SizeOf(body) + body;
    }
}
