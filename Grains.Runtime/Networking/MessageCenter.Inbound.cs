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

internal sealed partial class MessageCenter
{
    private Task AcceptAsync(Connection connection, bool gateway)
    {
        _inbound[connection] = 0;
        connection.PeerState = gateway ? Gateway : null;
        connection.Start(OnMessage);
        connection.OnClosed(OnInboundClosed);
        return Task.CompletedTask;
    }

    // Marks a gateway connection before its handshake arrives.
    private static readonly object Gateway = new();

    private void OnInboundClosed(Connection connection)
    {
        _inbound.TryRemove(connection, out _);
        if (connection.PeerState is PeerInfo { ClientId: { } clientId } &&
            _clients.TryRemove(new KeyValuePair<string, Connection>(clientId, connection)))
        {
            _ = _directory.UnregisterAsync(new GrainAddress(new GrainId(Dispatcher.ClientGrainType, clientId), Self, ConnectionKey(connection)), CancellationToken.None);
        }
    }

    private void OnMessage(Connection connection, Message message)
    {
        if (message.Kind == MessageKind.Handshake)
        {
            OnHandshake(connection, message);
            return;
        }

        if (_dispatcher is null)
        {
            connection.Abort("silo not ready");
            return;
        }

        if (connection.PeerState is not PeerInfo peer)
        {
            connection.Abort("first frame must be a handshake");
            return;
        }

        switch (message.Kind)
        {
            case MessageKind.Request:
            case MessageKind.OneWay:
                OnRequest(connection, peer, message);
                break;
            case MessageKind.Response:
                _dispatcher.OnResponse(message);
                break;
            case MessageKind.Ping:
                TrySend(connection, new Message { Kind = MessageKind.Pong, Id = message.Id });
                break;
            case MessageKind.Pong:
                if (_probes.TryGetValue(message.Id, out var pong))
                {
                    pong.TrySetResult(true);
                }

                break;
            case MessageKind.MembershipChanged:
                OnMembershipGossip?.Invoke();
                break;
        }
    }

    private void OnHandshake(Connection connection, Message message)
    {
        var (cluster, peer) = Handshake.Read(message.Body.Span);
        if (peer is null || cluster != _runtime.Options.ClusterId)
        {
            Log.HandshakeRejected(_runtime.Logger, cluster ?? "(none)");
            connection.Abort($"handshake rejected: cluster '{cluster}' is not '{_runtime.Options.ClusterId}'");
            return;
        }

        var isGateway = ReferenceEquals(connection.PeerState, Gateway);
        if (peer.IsClient != isGateway)
        {
            connection.Abort(peer.IsClient ? "clients connect to the gateway port" : "silos connect to the silo port");
            return;
        }

        connection.PeerState = peer;
        if (peer.ClientId is { } clientId)
        {
            _clients[clientId] = connection;
            _ = RegisterClientAsync(clientId, connection);
        }
    }

    private async Task RegisterClientAsync(string clientId, Connection connection)
    {
        try
        {
            var address = new GrainAddress(new GrainId(Dispatcher.ClientGrainType, clientId), Self, ConnectionKey(connection));
            var existing = await _directory.LookupAsync(address.GrainId, CancellationToken.None).ConfigureAwait(false);
            if (existing is not null)
            {
                await _directory.UnregisterAsync(existing, CancellationToken.None).ConfigureAwait(false);
            }

            await _directory.RegisterAsync(address, _ => true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ClientRegistrationFailed(_runtime.Logger, clientId, ex);
        }
    }

    private static string ConnectionKey(Connection connection) => "conn-" + connection.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void OnRequest(Connection connection, PeerInfo peer, Message message)
    {
        Request? request = null;
        string? error = null;
        if (message.InterfaceName is null || !GrainInterfaceRegistry.TryGet(message.InterfaceName, out var info))
        {
            error = $"unknown grain interface '{message.InterfaceName}'";
        }
        else if ((request = info.CreateRequest(message.MethodId)) is null)
        {
            error = $"unknown method #{message.MethodId} of {message.InterfaceName}";
        }
        else
        {
            try
            {
                var reader = new Utf8JsonReader(message.Body.Span);
                reader.Read();
                request.ReadArguments(ref reader, _runtime.JsonOptions);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
            {
                error = $"arguments of {message.InterfaceName}#{message.MethodId} could not be read: {ex.Message}";
            }
        }

        if (error is not null || request is null)
        {
            Log.BadRequest(_runtime.Logger, peer.ToString(), error ?? "unreadable request");
            if (message.Kind == MessageKind.Request)
            {
                TrySend(connection, new Message
                {
                    Kind = MessageKind.Response,
                    Id = message.Id,
                    Status = ResponseStatus.Error,
                    Body = ExceptionCodec.Write(new GrainCallFailedException("Request rejected: " + error)),
                });
            }

            return;
        }

        var now = _runtime.TimeProvider.GetTimestamp();
        var deadline = message.TimeoutMs == int.MaxValue
            ? long.MaxValue
            : now + (message.TimeoutMs * _runtime.TimeProvider.TimestampFrequency / 1000);
        var item = new RemoteCallItem
        {
            Request = request,
            Target = message.Target,
            Chain = message.CallChain as string[] ?? message.CallChain?.ToArray(),
            Deadline = deadline,
            Origin = connection,
            OriginId = message.Id,
            Body = message.Body,
            ForwardCount = message.ForwardCount,
            JsonOptions = _runtime.JsonOptions,
        };
        item.Attempts = message.ForwardCount;
        _dispatcher.OnRemoteRequest(item, peer.IsClient);
    }
}
