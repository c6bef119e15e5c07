using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Formatter;
using EdgeHive.Mqtt.Conformance.Tests.Wire.Packets;

namespace EdgeHive.Mqtt.Conformance.Tests.Infrastructure;

/// <summary>A hand-driven TCP connection: sends exactly the packets or bytes a test wants and reads replies.</summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly MqttPacketFormatter _formatter = new();

    private RawMqttConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    public static async Task<RawMqttConnection> OpenAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return new RawMqttConnection(client);
    }

    /// <summary>Opens, sends CONNECT and asserts an accepted CONNACK.</summary>
    internal static async Task<RawMqttConnection> ConnectAsync(int port, ConnectPacket connect)
    {
        var raw = await OpenAsync(port);
        await raw.SendAsync(connect);
        var ack = Assert.IsType<ConnAckPacket>(await raw.ReceiveAsync());
        Assert.Equal(MqttConnectReturnCode.Accepted, ack.ReturnCode);
        return raw;
    }

    internal async Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _formatter.Write(packet, buffer);
        await _stream.WriteAsync(buffer.WrittenMemory);
    }

    public async Task SendBytesAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    internal async Task<MqttPacket> ReceiveAsync(TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? Eventually.Deadline);
        while (true)
        {
            var result = await _reader.ReadAsync(cts.Token);
            var buffer = result.Buffer;
            if (_formatter.TryRead(ref buffer, out var packet))
            {
                _reader.AdvanceTo(buffer.Start);
                return packet;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("The connection closed.");
            }
        }
    }

    /// <summary>Reads until the peer closes; returns false if it is still open at the deadline.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? Eventually.Deadline);
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cts.Token);
                _reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Drops the TCP connection without DISCONNECT (an abnormal close: the will goes out).</summary>
    public void Abort() => _client.Client.Close(0);

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _client.Dispose();
    }
}
