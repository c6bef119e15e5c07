using EdgeHive.Edge.Protocol;
using Orleans.Runtime;
using Microsoft.AspNetCore.Http;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Serves <c>/edge/v1/connect</c>: negotiates the protocol version (426 when there is no common one), authenticates
/// (refusing before the upgrade with 400/401/403, or 503 while a re-installed node is being resynced), accepts the
/// WebSocket and runs the connection until it ends. Version negotiation comes first because it has no side effects,
/// while a join token is used up by authentication.
/// </summary>
internal sealed class EdgeUpgradeHandler(EdgeAuthenticator authenticator, EdgeGatewayServices services, ILocalSiloDetails silo)
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
            // Refused before the upgrade and before any credential is looked at (a join token is not used up): 426
            // Upgrade Required, naming what the server speaks; the agent stops its link on it until it is upgraded.
            var refusal = SubProtocolNegotiator.Refusal(requested);
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            context.Response.Headers.SecWebSocketProtocol = string.Join(", ", SubProtocolNegotiator.Supported);
            await context.Response.WriteAsync(refusal.Reason, context.RequestAborted);
            return;
        }

        var checkedAt = services.Time.GetUtcNow();
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
        var connection = new EdgeConnection(socket, auth.NodeName!, silo.SiloAddress.ToParsableString(), services);
        connection.AuthenticatedAt = checkedAt;
        await connection.RunAsync(auth.IssuedCredential, context.RequestAborted, auth.CloseAfterWelcome);
    }
}
