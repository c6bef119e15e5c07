using System.Net.WebSockets;
using EdgeHive.Edge.Protocol;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;
using Microsoft.AspNetCore.Http;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Serves <c>/edge/v1/connect</c>: negotiates the protocol version, authenticates (refusing before the upgrade with
/// 401/403), accepts the WebSocket and runs the connection until it ends. Version negotiation comes first because it
/// has no side effects, while a join token is used up by authentication.
/// </summary>
internal sealed class EdgeUpgradeHandler(EdgeAuthenticator authenticator, EdgeGatewayServices services, RuntimeSilo silo)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"{EdgeProtocolConstants.ConnectPath} takes WebSocket upgrades with subprotocol {EdgeProtocolConstants.SubProtocol}.", context.RequestAborted);
            return;
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        if (!SubProtocolNegotiator.TrySelect(requested, out var subProtocol))
        {
            // Accepted only to tell the agent why in a close frame, which it logs, rather than a bare HTTP status.
            using var refused = await context.WebSockets.AcceptWebSocketAsync();
            var refusal = SubProtocolNegotiator.Refusal(requested);
            await CloseQuietlyAsync(refused, refusal, context.RequestAborted);
            return;
        }

        var auth = await authenticator.AuthenticateAsync(
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers[EdgeProtocolConstants.NodeNameHeader].ToString(),
            context.RequestAborted);
        if (!auth.Succeeded)
        {
            context.Response.StatusCode = auth.StatusCode;
            if (auth.StatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            }

            await context.Response.WriteAsync(auth.Reason ?? "refused", context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol });
        var connection = new EdgeConnection(socket, auth.NodeName!, silo.Address.ToString(), services);
        await connection.RunAsync(auth.IssuedCredential, context.RequestAborted);
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, EdgeCloseStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await socket.CloseOutputAsync(status.Status, status.Reason, cancellationToken);

            // Wait for the client's close frame so it reads ours before the TCP connection ends.
            var buffer = new byte[256];
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away first; nothing more to tell it.
        }
    }
}
