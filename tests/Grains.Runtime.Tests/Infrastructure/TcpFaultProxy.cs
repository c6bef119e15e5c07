using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EdgeHive.Grains.Runtime.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a real server, for outage tests: <see cref="Cut"/> resets every open connection and
/// refuses new ones (accepted and reset at once, as a database that is down or failing over looks to a client),
/// <see cref="Restore"/> forwards again. Bytes are copied unchanged, so the client speaks to the real server.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Pair, byte> _open = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private int _refused;

    /// <summary>Starts listening on a free loopback port and forwarding to <paramref name="targetHost"/>:<paramref name="targetPort"/>.</summary>
    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections refused since the proxy started (each one a client that tried while cut).</summary>
    public int RefusedConnections => Volatile.Read(ref _refused);

    /// <summary>Connections currently forwarded.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Resets every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var pair in _open.Keys)
        {
            pair.Abort();
        }
    }

    /// <summary>Forwards new connections again. Connections reset by <see cref="Cut"/> stay dead: the client must notice.</summary>
    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var pair in _open.Keys)
        {
            pair.Abort();
        }

        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, so the peer sees a broken connection at once (not an orderly goodbye).
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (_cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken cancellationToken)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var pair = new Pair(client, server);
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, cancellationToken);
            _open[pair] = 0;
            if (_cut)
            {
                return; // cut while connecting: the finally resets both sides
            }

            // Whichever direction ends first (either side closed, or Cut reset the sockets) ends the pair.
            await Task.WhenAny(CopyAsync(client, server, cancellationToken), CopyAsync(server, client, cancellationToken));
        }
        catch (Exception)
        {
            // Connect failed or the proxy stopped: the finally resets both sides.
        }
        finally
        {
            _open.TryRemove(pair, out _);
            pair.Abort();
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception)
        {
            // Reset or disposed: the caller tears the pair down.
        }
    }

    private sealed class Pair(Socket client, Socket server)
    {
        public void Abort()
        {
            Reset(client);
            Reset(server);
        }
    }
}
