using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// A silo's network side: the silo and gateway listeners, one outbound connection per peer silo (requests go out on
/// it, responses come back on it), client connections on the gateway, membership probes and gossip. Everything that
/// arrives is decoded here and handed to the <see cref="Dispatcher"/>.
/// </summary>
internal sealed partial class MessageCenter : IRemoteSender, ISiloProber, IMembershipGossip, IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private readonly ITransport _transport;
    private Dispatcher _dispatcher;
    private readonly LocalGrainDirectory _directory;
    private readonly ConcurrentDictionary<SiloAddress, Task<Connection>> _outbound = new();
    private readonly ConcurrentDictionary<string, Connection> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<bool>> _probes = new();
    private readonly ConcurrentDictionary<Connection, byte> _inbound = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITransportListener? _siloListener;
    private ITransportListener? _gatewayListener;
    private long _nextProbeId;
    private bool _disposed;

    public MessageCenter(SiloRuntime runtime, ITransport transport, Dispatcher dispatcher, LocalGrainDirectory directory)
    {
        _runtime = runtime;
        _transport = transport;
        _dispatcher = dispatcher;
        _directory = directory;
    }

    /// <summary>This silo; set by <see cref="ListenAsync"/>'s caller once the port is known.</summary>
    public SiloAddress Self { get; set; } = null!;

    /// <summary>Membership asks for a refresh when a peer gossips a change.</summary>
    public Action? OnMembershipGossip { get; set; }

    /// <summary>The oracle, to refuse sending to dead silos.</summary>
    public ISiloStatusOracle? Oracle { get; set; }

    public int ConnectedClients => _clients.Count;

    public int SiloPort => _siloListener?.Port ?? 0;

    public int GatewayPort => _gatewayListener?.Port ?? -1;

    /// <summary>Connects the parts created after the listeners were bound (the address needs the bound port).</summary>
    public void Bind(Dispatcher dispatcher, SiloAddress self, ISiloStatusOracle oracle, Action onGossip)
    {
        _dispatcher = dispatcher;
        Self = self;
        Oracle = oracle;
        OnMembershipGossip = onGossip;
    }

    /// <summary>Binds the silo listener and, unless disabled, the gateway listener.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        var host = _runtime.Options.ListenHost ?? _runtime.Options.AdvertisedHost;
        _siloListener = await _transport.ListenAsync(host, _runtime.Options.SiloPort, c => AcceptAsync(c, gateway: false), cancellationToken).ConfigureAwait(false);
        if (_runtime.Options.GatewayPort >= 0)
        {
            _gatewayListener = await _transport.ListenAsync(host, _runtime.Options.GatewayPort, c => AcceptAsync(c, gateway: true), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void SendRequest(SiloAddress target, CallItem item, long messageId)
    {
        if (Oracle?.IsDead(target) == true)
        {
            item.Fail(new GrainCallFailedException($"Silo {target} is dead; {item.Describe()} was not sent."));
            return;
        }

        Message message;
        try
        {
            message = ToMessage(item, messageId);
        }
        catch (Exception ex)
        {
            item.Fail(new GrainCallFailedException($"The arguments of {item.Describe()} could not be serialized: {ex.Message}", ex));
            return;
        }

        var connection = GetConnection(target);
        if (connection.IsCompletedSuccessfully)
        {
            Send(connection.Result, message, item);
        }
        else
        {
            _ = SendWhenConnectedAsync(connection, message, item, target);
        }
    }

    /// <inheritdoc />
    public bool TrySendToClient(string clientId, CallItem item, long messageId)
    {
        if (!_clients.TryGetValue(clientId, out var connection))
        {
            return false;
        }

        Message message;
        try
        {
            message = ToMessage(item, messageId);
        }
        catch (Exception ex)
        {
            item.Fail(new GrainCallFailedException($"The arguments of {item.Describe()} could not be serialized: {ex.Message}", ex));
            return true;
        }

        Send(connection, message, item);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(SiloAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextProbeId);
        var pong = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[id] = pong;
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            var connection = await GetConnection(target).WaitAsync(timeoutSource.Token).ConfigureAwait(false);
            connection.Send(new Message { Kind = MessageKind.Ping, Id = id });
            return await pong.Task.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
        finally
        {
            _probes.TryRemove(id, out _);
        }
    }

    /// <inheritdoc />
    public void MembershipChanged()
    {
        foreach (var silo in Oracle?.ActiveSilos ?? [])
        {
            if (silo == Self)
            {
                continue;
            }

            _ = GossipAsync(silo);
        }
    }

    /// <summary>Closes the connection to a silo (it was declared dead).</summary>
    public void Disconnect(SiloAddress silo)
    {
        if (_outbound.TryRemove(silo, out var task) && task.IsCompletedSuccessfully)
        {
            task.Result.Abort("peer declared dead");
        }
    }

    /// <summary>Graceful stop: stop listening, close connections after their queues drain.</summary>
    public async Task StopAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await DisposeListenersAsync().ConfigureAwait(false);
        var closing = new List<Task>();
        foreach (var connection in AllConnections())
        {
            closing.Add(connection.CloseAsync("silo stopping"));
        }

        await Task.WhenAll(closing).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    /// <summary>Kill simulation: drop every connection at once, no goodbye.</summary>
    public async Task AbortAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await DisposeListenersAsync().ConfigureAwait(false);
        foreach (var connection in AllConnections())
        {
            connection.Abort("silo killed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        _disposed = true;
    }

    private IEnumerable<Connection> AllConnections() =>
        _outbound.Values.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)
            .Concat(_inbound.Keys)
            .Concat(_clients.Values)
            .Distinct()
            .ToArray();

    private async Task DisposeListenersAsync()
    {
        if (_siloListener is not null)
        {
            await _siloListener.DisposeAsync().ConfigureAwait(false);
        }

        if (_gatewayListener is not null)
        {
            await _gatewayListener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task GossipAsync(SiloAddress silo)
    {
        try
        {
            var connection = await GetConnection(silo).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            connection.Send(new Message { Kind = MessageKind.MembershipChanged, Id = 0 });
        }
        catch (Exception ex)
        {
            Log.GossipFailed(_runtime.Logger, silo, ex.Message);
        }
    }

    private Task<Connection> GetConnection(SiloAddress target)
    {
        while (true)
        {
            if (_outbound.TryGetValue(target, out var existing))
            {
                if (!existing.IsFaulted && !(existing.IsCompletedSuccessfully && existing.Result.Closed.IsCompleted))
                {
                    return existing;
                }

                _outbound.TryRemove(new KeyValuePair<SiloAddress, Task<Connection>>(target, existing));
                continue;
            }

            var created = ConnectAsync(target);
            if (_outbound.TryAdd(target, created))
            {
                return created;
            }
        }
    }

    private async Task<Connection> ConnectAsync(SiloAddress target)
    {
        if (_stopping.IsCancellationRequested)
        {
            throw new ConnectionFailedException(target.Endpoint, $"silo {Self} is stopping");
        }

        var connection = await _transport.ConnectAsync(target.Host, target.Port, _stopping.Token).ConfigureAwait(false);
        connection.PeerState = new PeerInfo(target, null);
        connection.Start(OnMessage);
        connection.Send(new Message { Kind = MessageKind.Handshake, Body = Handshake.Write(_runtime.Options.ClusterId, Self, null) });
        connection.OnClosed(
            _ =>
            {
                foreach (var pair in _outbound)
                {
                    if (pair.Value.IsCompletedSuccessfully && ReferenceEquals(pair.Value.Result, connection))
                    {
                        _outbound.TryRemove(pair);
                    }
                }

                _dispatcher.OnSiloUnreachable(target, connection.CloseReason ?? "closed");
            });
        return connection;
    }

    private async Task SendWhenConnectedAsync(Task<Connection> connecting, Message message, CallItem item, SiloAddress target)
    {
        Connection connection;
        try
        {
            connection = await connecting.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            item.Fail(new GrainCallFailedException($"Silo {target} is unreachable for {item.Describe()}: {ex.Message}", ex));
            return;
        }

        Send(connection, message, item);
    }

    private static void Send(Connection connection, Message message, CallItem item)
    {
        try
        {
            connection.Send(message);
        }
        catch (MessageTooLargeException ex)
        {
            item.Fail(new GrainCallFailedException($"{item.Describe()} is too large to send: {ex.Message}", ex));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            item.Fail(new GrainCallFailedException($"The connection for {item.Describe()} closed before it was sent.", ex));
        }
    }

    private static void TrySend(Connection connection, Message message)
    {
        try
        {
            connection.Send(message);
        }
        catch (IOException)
        {
            // Closing or full: the peer will time out or reconnect.
        }
    }

    private Message ToMessage(CallItem item, long messageId)
    {
        ReadOnlyMemory<byte> body;
        if (item is RemoteCallItem remote)
        {
            body = remote.Body;
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                item.Request.WriteArguments(writer, _runtime.JsonOptions);
            }

            body = buffer.WrittenMemory;
        }

        var remaining = item.Deadline == long.MaxValue
            ? int.MaxValue
            : (int)Math.Clamp((item.Deadline - _runtime.TimeProvider.GetTimestamp()) * 1000 / _runtime.TimeProvider.TimestampFrequency, 1, int.MaxValue);
        return new Message
        {
            Kind = item.IsOneWay ? MessageKind.OneWay : MessageKind.Request,
            Id = messageId,
            Target = item.Target,
            InterfaceName = item.Request.InterfaceName,
            MethodId = item.Request.MethodId,
            Flags = item.Request.Flags,
            TimeoutMs = remaining,
            CallChain = item.Chain,
            ForwardCount = item.Attempts,
            Body = body,
        };
    }
}
