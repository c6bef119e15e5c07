using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// TCP transport: one socket per connection, Nagle off (frames are batched by the send loop already, and Nagle would
/// hold back the last small frame of every batch), pipes over a <see cref="NetworkStream"/>.
/// </summary>
internal sealed class TcpTransport : ITransport
{
    private readonly ConnectionOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _connectionLogger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the transport; every connection it makes uses <paramref name="options"/>.</summary>
    public TcpTransport(ConnectionOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        options.Validate();
        _options = options;
        _loggerFactory = loggerFactory;
        _connectionLogger = loggerFactory.CreateLogger<Connection>();
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<ITransportListener> ListenAsync(
        string host, int port, Func<Connection, Task> onConnection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onConnection);
        var address = await ResolveListenAddressAsync(host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var logger = _loggerFactory.CreateLogger<TcpTransportListener>();
        return new TcpTransportListener(socket, host, this, new ConnectionHandoff(onConnection, logger), logger);
    }

    /// <inheritdoc />
    public async Task<Connection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var endpoint = $"{host}:{port}";
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // Dual-mode socket: reaches IPv4 and IPv6 peers, and tries every address a host name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ConnectionFailedException(endpoint, Describe(ex.SocketErrorCode), ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConnectionFailedException(endpoint, $"no answer within {_options.ConnectTimeout}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return CreateConnection(socket, endpoint);
    }

    /// <summary>Wraps a connected socket; the socket is disposed when the connection has closed.</summary>
    internal Connection CreateConnection(Socket socket, string remoteEndPoint)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: false);
        // Large buffers: one read or write system call then moves many small frames.
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        var output = new HalfClosePipeWriter(
            PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true)), socket);
        var connection = new Connection(new DuplexPipe(input, output), remoteEndPoint, _options, _connectionLogger, _timeProvider);
        connection.OnClosed(_ =>
        {
            stream.Dispose();
            socket.Dispose();
        });
        return connection;
    }

    private static async Task<IPAddress> ResolveListenAddressAsync(string host, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(host) || host is "*" or "+")
        {
            return IPAddress.Any;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        // Prefer IPv4: "localhost" resolves to ::1 first on many machines, while peers usually dial 127.0.0.1.
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new IOException($"Host '{host}' resolves to no address.");
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "timed out",
        _ => error.ToString(),
    };
}
