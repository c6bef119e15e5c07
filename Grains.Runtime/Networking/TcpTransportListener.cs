using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>A listening socket and its accept loop.</summary>
internal sealed partial class TcpTransportListener : ITransportListener
{
    private readonly Socket _socket;
    private readonly TcpTransport _transport;
    private readonly ConnectionHandoff _handoff;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    /// <summary>Starts accepting on a bound, listening socket.</summary>
    public TcpTransportListener(Socket socket, string host, TcpTransport transport, ConnectionHandoff handoff, ILogger logger)
    {
        _socket = socket;
        _transport = transport;
        _handoff = handoff;
        _logger = logger;
        Host = host;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        LogListening(_logger, Host, Port);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public int Port { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
        LogStopped(_logger, Host, Port);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_stopping.IsCancellationRequested || ex is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // For example a client that reset before we accepted it; the listener itself is fine.
                LogAcceptFailed(_logger, Host, Port, ex);
                continue;
            }

            var remote = accepted.RemoteEndPoint?.ToString() ?? "unknown";
            _handoff.Dispatch(_transport.CreateConnection(accepted, remote));
        }
    }
}
