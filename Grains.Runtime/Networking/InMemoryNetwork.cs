using System.Globalization;
using System.IO.Pipelines;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// The "network" that <see cref="InMemoryTransport"/>s of one test share: a table of endpoints (<c>host:port</c>) to
/// listeners. A connection is two <see cref="Pipe"/>s, one per direction. <see cref="Kill"/> simulates a crashed silo.
/// </summary>
internal sealed class InMemoryNetwork
{
    // Small pause threshold like a socket buffer, so a reader that stops reading pushes back on the writer; a whole
    // batch is written before each flush, so a frame is never cut in half by it.
    private static readonly PipeOptions Options = new(
        pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, InMemoryTransportListener> _listeners = new(StringComparer.OrdinalIgnoreCase);
    private int _nextPort = 40_000;
    private long _nextClient;

    /// <summary>
    /// Kills the process behind <paramref name="host"/>:<paramref name="port"/>: the transport that listens there stops
    /// all its listeners and aborts every connection it accepted or dialled, without any goodbye; connecting to its
    /// endpoints is refused until something listens there again.
    /// </summary>
    public void Kill(string host, int port)
    {
        InMemoryTransportListener? listener;
        lock (_gate)
        {
            _listeners.TryGetValue(Endpoint(host, port), out listener);
        }

        if (listener is null)
        {
            throw new InvalidOperationException($"Nothing listens on {Endpoint(host, port)}.");
        }

        listener.Owner.Kill();
    }

    /// <summary>
    /// Connects to a listener and returns the dialling side's raw pipe; the listener gets a normal connection. Tests
    /// use it directly to put bytes on the wire that the codec would never write.
    /// </summary>
    internal IDuplexPipe ConnectRaw(string host, int port)
    {
        InMemoryTransportListener? listener;
        long client;
        lock (_gate)
        {
            _listeners.TryGetValue(Endpoint(host, port), out listener);
            client = ++_nextClient;
        }

        if (listener is null)
        {
            throw new ConnectionFailedException(Endpoint(host, port), "connection refused (nothing listens on that endpoint)");
        }

        var toListener = new Pipe(Options);
        var toClient = new Pipe(Options);
        listener.Accept(new DuplexPipe(toListener.Reader, toClient.Writer), string.Create(CultureInfo.InvariantCulture, $"memory-client-{client}"));
        return new DuplexPipe(toClient.Reader, toListener.Writer);
    }

    /// <summary>Registers a listener made by <paramref name="create"/> for the bound port (a free one when 0).</summary>
    internal InMemoryTransportListener Bind(string host, int port, Func<int, InMemoryTransportListener> create)
    {
        lock (_gate)
        {
            if (port == 0)
            {
                do
                {
                    port = _nextPort++;
                }
                while (_listeners.ContainsKey(Endpoint(host, port)));
            }
            else if (_listeners.ContainsKey(Endpoint(host, port)))
            {
                throw new IOException($"Address already in use: {Endpoint(host, port)}.");
            }

            var listener = create(port);
            _listeners.Add(Endpoint(host, port), listener);
            return listener;
        }
    }

    /// <summary>Removes <paramref name="listener"/> from the table (if it is still the one registered).</summary>
    internal void Unbind(InMemoryTransportListener listener)
    {
        lock (_gate)
        {
            var key = Endpoint(listener.Host, listener.Port);
            if (_listeners.TryGetValue(key, out var current) && current == listener)
            {
                _listeners.Remove(key);
            }
        }
    }

    private static string Endpoint(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
}
