using System.IO.Pipelines;
using System.Net.Sockets;

namespace EdgeHive.Edge.Mqtt.Channel;

/// <summary>A TCP socket as a duplex pipe (stream-backed pipes from System.IO.Pipelines).</summary>
internal sealed class TcpTransport : MqttTransport, IDuplexPipe
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private int _disposed;

    public TcpTransport(Socket socket)
    {
        _socket = socket;
        // MQTT packets are small and latency matters more than segment count.
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "unknown";
    }

    public override IDuplexPipe Pipe => this;

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public override string RemoteEndPoint { get; }

    /// <summary>Opens a TCP connection to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static async Task<TcpTransport> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new TcpTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Input.CompleteAsync();
        await Output.CompleteAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing left to shut down.
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
