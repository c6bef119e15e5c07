using System.Buffers;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// Reads a client's TCP stream for MQTTnet and checks each fixed header as the bytes pass, before MQTTnet sees it: a
/// packet announcing more than the limit (fixed header included) or a remaining length longer than four bytes, a
/// reserved packet type, fixed-header flags MQTT 3.1.1 forbids (§2.2.2: reserved flags, PUBLISH QoS 3, QoS 0 with DUP),
/// and a PINGREQ or DISCONNECT with a body end the connection, so MQTTnet never buffers such a payload.
/// It also saves system calls, which bound the broker's throughput: MQTTnet reads a packet in small pieces (two header
/// bytes, the length, the body), so reads are served from a 4 KB buffer (checked as it is filled, before MQTTnet sees
/// any of it); and it writes a PUBLISH as header and payload, so the pieces of one packet are sent in one write. The
/// buffers come from the shared pool only while data passes: an idle connection waits with a zero-byte read and holds
/// none, so a hundred quiet devices cost no buffer memory (only a read that filled the whole buffer is followed by a
/// real read at once, as more bytes are then most likely waiting).
/// </summary>
internal sealed partial class PacketLimitStream(Stream inner, int maxPacketSize) : Stream
{
    private const int MaxLengthBytes = 4;
    private const int BufferSize = 4 * 1024;

    private State _state = State.TypeByte;
    private int _lengthBytes;
    private long _length;
    private long _bodyLeft;
    private int _type;

    private bool _lastFillFull;
    private byte[]? _readBuffer;
    private int _readStart;
    private int _readEnd;

    private byte[]? _writeBuffer;
    private int _writeCount;
    private Frame _outbound;

    private enum State
    {
        TypeByte,
        Length,
        Body,
    }

    /// <summary>Why the connection was ended, or null while the client behaves.</summary>
    public string? Violation { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_readStart == _readEnd)
        {
            if (buffer.Length >= BufferSize)
            {
                var direct = inner.Read(buffer);
                Inspect(buffer[..direct]);
                return direct;
            }

            var rented = ArrayPool<byte>.Shared.Rent(BufferSize);
            var read = inner.Read(rented);
            Fill(rented, read);
        }

        return TakeBuffered(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_readStart == _readEnd)
        {
            // A large body goes straight into the caller's buffer.
            if (buffer.Length >= BufferSize)
            {
                var direct = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                Inspect(buffer.Span[..direct]);
                return direct;
            }

            // Wait for data without a buffer, then take one only for as long as its bytes last. After a read that
            // filled the whole buffer more bytes are most likely waiting (a client streaming packets): read them at
            // once, which saves the zero-byte read's system call per buffer.
            if (!_lastFillFull)
            {
                await inner.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            }

            var rented = ArrayPool<byte>.Shared.Rent(BufferSize);
            int read;
            try
            {
                read = await inner.ReadAsync(rented, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }

            _lastFillFull = read == rented.Length;
            Fill(rented, read);
        }

        return TakeBuffered(buffer.Span);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var complete = _outbound.Advance(buffer);
        if (_writeCount + buffer.Length > BufferSize)
        {
            FlushPending();
            inner.Write(buffer);
            return;
        }

        _writeBuffer ??= ArrayPool<byte>.Shared.Rent(BufferSize);
        buffer.CopyTo(_writeBuffer.AsSpan(_writeCount));
        _writeCount += buffer.Length;
        if (complete)
        {
            FlushPending();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var complete = _outbound.Advance(buffer.Span);
        if (_writeCount == 0 && complete)
        {
            // Whole packets in one piece: no copy.
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_writeCount + buffer.Length > BufferSize)
        {
            await FlushPendingAsync(cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _writeBuffer ??= ArrayPool<byte>.Shared.Rent(BufferSize);
        buffer.Span.CopyTo(_writeBuffer.AsSpan(_writeCount));
        _writeCount += buffer.Length;
        if (complete)
        {
            await FlushPendingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        FlushPending();
        inner.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await FlushPendingAsync(cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Checks freshly read bytes (throws before anyone sees them), then serves reads from them.</summary>
    private void Fill(byte[] rented, int read)
    {
        try
        {
            Inspect(rented.AsSpan(0, read));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }

        if (read == 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
            return;
        }

        (_readBuffer, _readStart, _readEnd) = (rented, 0, read);
    }

    private int TakeBuffered(Span<byte> buffer)
    {
        if (_readBuffer is not { } source)
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _readEnd - _readStart);
        source.AsSpan(_readStart, count).CopyTo(buffer);
        _readStart += count;
        if (_readStart == _readEnd)
        {
            ArrayPool<byte>.Shared.Return(source);
            (_readBuffer, _readStart, _readEnd) = (null, 0, 0);
        }

        return count;
    }

    private void FlushPending()
    {
        if (_writeBuffer is { } pending)
        {
            inner.Write(pending, 0, _writeCount);
            ReturnWriteBuffer(pending);
        }
    }

    private async ValueTask FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (_writeBuffer is { } pending)
        {
            try
            {
                await inner.WriteAsync(pending.AsMemory(0, _writeCount), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ReturnWriteBuffer(pending);
            }
        }
    }

    private void ReturnWriteBuffer(byte[] pending)
    {
        (_writeBuffer, _writeCount) = (null, 0);
        ArrayPool<byte>.Shared.Return(pending);
    }
}
