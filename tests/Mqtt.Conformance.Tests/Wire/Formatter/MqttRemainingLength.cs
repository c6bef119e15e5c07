namespace EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;

/// <summary>The variable-length "remaining length" of the fixed header: 7 bits per byte, at most 4 bytes (§2.2.3).</summary>
internal static class MqttRemainingLength
{
    /// <summary>The largest value 4 bytes can carry: 268,435,455 (256 MB).</summary>
    public const int Max = 268_435_455;

    /// <summary>How many bytes <paramref name="value"/> needs.</summary>
    public static int SizeOf(int value) => value switch
    {
        < 0 or > Max => throw new ArgumentOutOfRangeException(nameof(value), value, "Remaining length out of range."),
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="value"/> and returns the number of bytes written.</summary>
    public static int Write(int value, Span<byte> destination)
    {
        var i = 0;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                digit |= 0x80;
            }

            destination[i++] = digit;
        }
        while (value > 0);
        return i;
    }
}
