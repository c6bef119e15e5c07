namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// Reads a client's TCP stream for MQTTnet and checks each fixed header as the bytes pass, before MQTTnet sees it: a
/// packet announcing more than the limit (fixed header included) or a remaining length longer than four bytes, a
/// reserved packet type, fixed-header flags MQTT 3.1.1 forbids (§2.2.2: reserved flags, PUBLISH QoS 3, QoS 0 with DUP),
/// and a PINGREQ or DISCONNECT with a body end the connection, so MQTTnet never buffers such a payload. Writes pass
/// through untouched.
/// </summary>
internal sealed class PacketLimitStream(Stream inner, int maxPacketSize) : Stream
{
    private const int MaxLengthBytes = 4;

    private State _state = State.TypeByte;
    private int _lengthBytes;
    private long _length;
    private long _bodyLeft;
    private int _type;

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
        var read = inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

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

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.TypeByte:
                    CheckTypeAndFlags(bytes[i++]);
                    _state = State.Length;
                    _lengthBytes = 0;
                    _length = 0;
                    break;
                case State.Length:
                    var b = bytes[i++];
                    _length |= (long)(b & 0x7F) << (7 * _lengthBytes);
                    _lengthBytes++;
                    if ((b & 0x80) != 0)
                    {
                        if (_lengthBytes == MaxLengthBytes)
                        {
                            Refuse("a remaining length longer than four bytes (MQTT-2.2.3)");
                        }

                        break;
                    }

                    if (1 + _lengthBytes + _length > maxPacketSize)
                    {
                        Refuse($"a packet of {1 + _lengthBytes + _length} bytes, over the limit of {maxPacketSize}");
                    }

                    if (_type is PingReq or Disconnect && _length != 0)
                    {
                        Refuse("a PINGREQ or DISCONNECT with a body (MQTT-3.12, MQTT-3.14)");
                    }

                    _bodyLeft = _length;
                    _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    break;
                default:
                    var take = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += take;
                    _bodyLeft -= take;
                    if (_bodyLeft == 0)
                    {
                        _state = State.TypeByte;
                    }

                    break;
            }
        }
    }

    private const int Publish = 3;
    private const int PubRel = 6;
    private const int Subscribe = 8;
    private const int Unsubscribe = 10;
    private const int PingReq = 12;
    private const int Disconnect = 14;

    private void CheckTypeAndFlags(byte first)
    {
        _type = first >> 4;
        var flags = first & 0x0F;
        switch (_type)
        {
            case 0 or 15:
                Refuse($"reserved packet type {_type} (MQTT-2.2.1)");
                break;
            case Publish:
                var qos = (flags >> 1) & 0x03;
                if (qos == 3)
                {
                    Refuse("a PUBLISH with QoS 3 (MQTT-3.3.1-4)");
                }

                if (qos == 0 && (flags & 0x08) != 0)
                {
                    Refuse("a QoS 0 PUBLISH with DUP 1 (MQTT-3.3.1-2)");
                }

                break;
            case PubRel or Subscribe or Unsubscribe:
                if (flags != 0x02)
                {
                    Refuse($"packet type {_type} with reserved flags {flags:X} (MQTT-2.2.2-2)");
                }

                break;
            default:
                if (flags != 0)
                {
                    Refuse($"packet type {_type} with reserved flags {flags:X} (MQTT-2.2.2-2)");
                }

                break;
        }
    }

    private void Refuse(string violation)
    {
        Violation = violation;

        // Closing the socket ends the connection even if the reader were to ignore the exception.
        inner.Dispose();
        throw new IOException("MQTT client sent " + violation + "; connection closed.");
    }
}
