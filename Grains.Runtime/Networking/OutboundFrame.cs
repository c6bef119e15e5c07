using System.Buffers;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>An encoded frame waiting in a connection's send queue, in a buffer rented from the shared pool.</summary>
internal readonly struct OutboundFrame
{
    private readonly byte[] _buffer;

    /// <summary>Wraps <paramref name="length"/> encoded bytes at the start of a rented <paramref name="buffer"/>.</summary>
    public OutboundFrame(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Encoded size, prefix included.</summary>
    public int Length { get; }

    /// <summary>The encoded bytes.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>Returns the buffer to the pool; the frame must not be used afterwards.</summary>
    public void Release() => ArrayPool<byte>.Shared.Return(_buffer);
}
