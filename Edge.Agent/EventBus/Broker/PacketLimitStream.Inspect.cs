using System.Buffers;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>The fixed-header checks of <see cref="PacketLimitStream"/>: a state machine over the bytes as they pass.</summary>
internal sealed partial class PacketLimitStream
{
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

    /// <summary>Where the broker's own output stands in MQTT's framing, to send each packet in one write.</summary>
    private struct Frame
    {
        private int _lengthBytes;
        private long _left;
        private bool _inLength;
        private bool _inBody;

        /// <summary>Moves over <paramref name="bytes"/>; true when they end exactly at a packet boundary.</summary>
        public bool Advance(ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                if (_inBody)
                {
                    var take = (int)Math.Min(_left, bytes.Length - i);
                    i += take;
                    _left -= take;
                    _inBody = _left > 0;
                }
                else if (_inLength)
                {
                    var b = bytes[i++];
                    _left |= (long)(b & 0x7F) << (7 * _lengthBytes++);
                    if ((b & 0x80) == 0)
                    {
                        _inLength = false;
                        _inBody = _left > 0;
                    }
                }
                else
                {
                    i++;
                    (_inLength, _lengthBytes, _left) = (true, 0, 0);
                }
            }

            return !_inLength && !_inBody;
        }
    }
}
