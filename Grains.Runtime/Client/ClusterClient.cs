using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Messaging;
using EdgeHive.Grains.Runtime.Networking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeHive.Grains.Runtime.Client;

/// <summary>
/// Calls grains from another process (the standalone portal, tools) through a silo's gateway port. Calls that are in
/// flight when the gateway connection drops fail; later calls go to the next gateway that answers.
/// </summary>
public sealed partial class ClusterClient : IGrainCallInvoker, IAsyncDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly ITransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly ObserverRegistry _observers;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly ITimer _sweeper;
    private readonly long _timeoutTicks;
    private Connection? _connection;
    private int _gatewayIndex;
    private long _nextId;
    private bool _disposed;

    private ClusterClient(ClusterClientOptions options, ITransport transport, TimeProvider time, ILoggerFactory loggerFactory)
    {
        if (options.Gateways.Count == 0)
        {
            throw new ArgumentException("At least one gateway endpoint is needed.", nameof(options));
        }

        _options = options;
        _transport = transport;
        _time = time;
        _logger = loggerFactory.CreateLogger("EdgeHive.Grains.ClusterClient");
        _observers = new ObserverRegistry("c:" + options.ClientId);
        _json.Converters.Add(new GrainReferenceConverterFactory(() => this));
        GrainFactory = new GrainFactory(this, _observers);
        _timeoutTicks = (long)(options.CallTimeout.TotalSeconds * time.TimestampFrequency);
        _sweeper = time.CreateTimer(static s => ((ClusterClient)s!).Sweep(), this, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Creates grain and observer references whose calls go through this client.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>True while a gateway connection is open.</summary>
    public bool IsConnected => _connection is { Closed.IsCompleted: false };

    /// <summary>Creates a client that connects on its first call (and again on the first call after a disconnect), so a
    /// process can start while no gateway answers; until one does, each call fails with
    /// <see cref="GrainCallFailedException"/>.</summary>
    public static ClusterClient Create(ClusterClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var logging = loggerFactory ?? NullLoggerFactory.Instance;
        var transport = new TcpTransport(new ConnectionOptions { MaxFrameSize = options.MaxFrameSize }, logging, time);
        return new ClusterClient(options, transport, time, logging);
    }

    /// <summary>Connects to the first reachable gateway.</summary>
    public static async Task<ClusterClient> ConnectAsync(ClusterClientOptions options, CancellationToken cancellationToken, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        var client = Create(options, loggerFactory, timeProvider);
        try
        {
            await client.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return client;
    }

    /// <inheritdoc />
    public Task InvokeAsync(GrainReference target, Request request)
    {
        var call = new PendingVoidCall { Request = request, Target = target.GrainId, Id = Interlocked.Increment(ref _nextId), Deadline = _time.GetTimestamp() + _timeoutTicks };
        _ = SendAsync(call);
        return call.Task;
    }

    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        var call = new PendingCall<TResult> { Request = request, Target = target.GrainId, Id = Interlocked.Increment(ref _nextId), Deadline = _time.GetTimestamp() + _timeoutTicks };
        _ = SendAsync(call);
        return call.TypedTask;
    }

    /// <inheritdoc />
    public void InvokeOneWay(GrainReference target, Request request)
    {
        var call = new PendingVoidCall { Request = request, Target = target.GrainId, Id = Interlocked.Increment(ref _nextId), Deadline = _time.GetTimestamp() + _timeoutTicks };
        _ = SendAsync(call);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            await connection.CloseAsync("client disposed").ConfigureAwait(false);
        }

        foreach (var pair in _pending)
        {
            pair.Value.Fail(new ObjectDisposedException(nameof(ClusterClient)));
        }

        _connectGate.Dispose();
    }

    private async Task SendAsync(PendingCall call)
    {
        if (!call.IsOneWay)
        {
            _pending[call.Id] = call;
        }

        try
        {
            var connection = await EnsureConnectedAsync(CancellationToken.None).ConfigureAwait(false);
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                call.Request.WriteArguments(writer, _json);
            }

            connection.Send(new Message
            {
                Kind = call.IsOneWay ? MessageKind.OneWay : MessageKind.Request,
                Id = call.Id,
                Target = call.Target,
                InterfaceName = call.Request.InterfaceName,
                MethodId = call.Request.MethodId,
                Flags = call.Request.Flags,
                TimeoutMs = (int)Math.Clamp((call.Deadline - _time.GetTimestamp()) * 1000 / _time.TimestampFrequency, 1, int.MaxValue),
                Body = buffer.WrittenMemory,
            });
        }
        catch (Exception ex)
        {
            _pending.TryRemove(call.Id, out _);
            call.Fail(ex as GrainCallFailedException ?? new GrainCallFailedException($"{call.Describe()} could not be sent: {ex.Message}", ex));
        }
    }

    private async Task<Connection> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is { Closed.IsCompleted: false } current)
        {
            return current;
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { Closed.IsCompleted: false } again)
            {
                return again;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            var errors = new List<string>();
            for (var i = 0; i < _options.Gateways.Count; i++)
            {
                var endpoint = _options.Gateways[(_gatewayIndex + i) % _options.Gateways.Count];
                var colon = endpoint.LastIndexOf(':');
                try
                {
                    var connection = await _transport.ConnectAsync(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                    connection.PeerState = endpoint;
                    connection.Start(OnMessage);
                    connection.Send(new Message { Kind = MessageKind.Handshake, Body = Handshake.Write(_options.ClusterId, null, _options.ClientId) });
                    connection.OnClosed(OnDisconnected);
                    _gatewayIndex = (_gatewayIndex + i) % _options.Gateways.Count;
                    _connection = connection;
                    return connection;
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or FormatException or ArgumentOutOfRangeException)
                {
                    errors.Add($"{endpoint}: {ex.Message}");
                }
            }

            throw new GrainCallFailedException("No gateway is reachable: " + string.Join("; ", errors));
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private void OnDisconnected(Connection connection)
    {
        Log.Disconnected(_logger, connection.PeerState as string ?? "?", connection.CloseReason ?? "closed");
        _gatewayIndex++;
        foreach (var pair in _pending)
        {
            if (_pending.TryRemove(pair))
            {
                pair.Value.Fail(new GrainCallFailedException($"The gateway connection closed ({connection.CloseReason}) while {pair.Value.Describe()} was in flight."));
            }
        }
    }

    private void OnMessage(Connection connection, Message message)
    {
        switch (message.Kind)
        {
            case MessageKind.Response when _pending.TryRemove(message.Id, out var call):
                if (message.Status == ResponseStatus.Ok)
                {
                    call.CompleteFromResponse(message.Body.Span, _json);
                }
                else
                {
                    call.Fail(ExceptionCodec.Read(message.Body.Span, call.Describe()));
                }

                break;
            case MessageKind.Request:
            case MessageKind.OneWay:
                OnObserverRequest(connection, message);
                break;
            case MessageKind.Ping:
                try
                {
                    connection.Send(new Message { Kind = MessageKind.Pong, Id = message.Id });
                }
                catch (IOException)
                {
                }

                break;
        }
    }

    private void OnObserverRequest(Connection connection, Message message)
    {
        Request? request = null;
        if (message.InterfaceName is not null && GrainInterfaceRegistry.TryGet(message.InterfaceName, out var info))
        {
            request = info.CreateRequest(message.MethodId);
        }

        var item = request is null ? null : new RemoteCallItem
        {
            Request = request,
            Target = message.Target,
            Deadline = long.MaxValue,
            Origin = connection,
            OriginId = message.Id,
            JsonOptions = _json,
        };
        try
        {
            if (item is null)
            {
                throw new JsonException($"unknown interface or method {message.InterfaceName}#{message.MethodId}");
            }

            var reader = new Utf8JsonReader(message.Body.Span);
            reader.Read();
            item.Request.ReadArguments(ref reader, _json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            if (message.Kind == MessageKind.Request)
            {
                connection.Send(new Message { Kind = MessageKind.Response, Id = message.Id, Status = ResponseStatus.Error, Body = ExceptionCodec.Write(new GrainCallFailedException("Request rejected: " + ex.Message)) });
            }

            return;
        }

        if (!_observers.TryInvoke(item))
        {
            item.Fail(new GrainCallFailedException($"Observer {message.Target} is not registered on client {_options.ClientId}."));
        }
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var pair in _pending)
        {
            if (pair.Value.Deadline < now && _pending.TryRemove(pair))
            {
                pair.Value.Fail(new GrainCallTimeoutException($"Call to {pair.Value.Describe()} timed out after {_options.CallTimeout}. Call chain: client {_options.ClientId} → {pair.Value.Describe()}."));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2600, Level = LogLevel.Warning, Message = "Gateway connection to {Gateway} closed: {Reason}")]
        public static partial void Disconnected(ILogger logger, string gateway, string reason);
    }
}
