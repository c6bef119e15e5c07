using System.Net.Http.Headers;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Edge.Protocol;
using OrleansGrainFactory = Orleans.IGrainFactory;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Authenticates an edge node on the WebSocket upgrade. The bearer value is a node credential (the connection acts as
/// that node; <c>X-EdgeHive-Node</c> must name it) or a join token together with <c>X-EdgeHive-Node</c> naming a
/// node that has no credential yet: then the node is registered and gets its credential (auto-registration). A bearer
/// that is neither gets the same 401 whether or not the node exists, so node names cannot be probed; only a valid join
/// token learns that its node is already registered (403).
/// </summary>
internal sealed class EdgeAuthenticator(INodeCredentials credentials, OrleansGrainFactory grains)
{
    /// <summary>How long a connect waits for the resync of a re-installed node before it is turned away (the node grain
    /// goes on with it, and the agent comes back with its backoff).</summary>
    private static readonly TimeSpan ResyncWait = TimeSpan.FromSeconds(10);

    public async Task<EdgeAuthResult> AuthenticateAsync(string? authorization, string? nodeHeader, CancellationToken cancellationToken)
    {
        if (!TryParseBearer(authorization, out var bearer))
        {
            return EdgeAuthResult.Unauthorized("an 'Authorization: Bearer <node credential or join token>' header is required");
        }

        // Required with either kind of bearer (protocol.md, section 1), and checked before any credential work.
        if (string.IsNullOrWhiteSpace(nodeHeader))
        {
            return EdgeAuthResult.BadRequest($"the {EdgeProtocolConstants.NodeNameHeader} header naming the node is required");
        }

        var nodeName = nodeHeader.Trim();
        if (await credentials.ValidateAsync(bearer, cancellationToken) is { } credentialNode)
        {
            if (!string.Equals(nodeName, credentialNode, StringComparison.Ordinal))
            {
                return EdgeAuthResult.Forbidden($"the credential belongs to another node than '{nodeName}'");
            }

            // A resync of a re-install that a failure or crash interrupted is finished before the session attaches: until
            // then the new install's reports would meet the old install's edge versions.
            if (!await grains.GetGrain<IEdgeNodeGrain>(credentialNode).ResyncInstall(ResyncWait))
            {
                return EdgeAuthResult.Unavailable($"node '{credentialNode}' was re-installed and is still being resynced; retry shortly");
            }

            return EdgeAuthResult.Node(credentialNode);
        }

        if (ResourceNames.CheckSubdomain(nodeName) is { } nameError)
        {
            return EdgeAuthResult.Unauthorized($"{EdgeProtocolConstants.NodeNameHeader}: {nameError}");
        }

        var joined = await credentials.JoinAsync(bearer, nodeName, cancellationToken);
        switch (joined.Status)
        {
            case NodeJoinStatus.Joined when joined.Credential is { } issued:
                // The credential is issued whatever happens next, so the agent must get it: when the resync of a
                // re-install is not done yet, the session ends right after the welcome and the agent comes back with it.
                return await RegisterAsync(nodeName)
                    ? EdgeAuthResult.Node(nodeName, issued.Credential)
                    : EdgeAuthResult.WelcomeOnly(nodeName, issued.Credential, $"node '{nodeName}' was re-installed and is still being resynced; reconnect shortly");
            case NodeJoinStatus.AlreadyRegistered:
                return EdgeAuthResult.Forbidden($"node '{nodeName}' is already registered; connect with its node credential");
            default:
                return EdgeAuthResult.Unauthorized("neither a valid node credential nor a usable join token");
        }
    }

    /// <summary>Creates the node grain so the node is listed at once; its machine facts follow with its first status.
    /// A node that exists already is re-installed: the join path is only taken by an agent without a stored
    /// credential, so this is a new install that has none of the node's devices or workloads. The node grain resends
    /// everything to it (and retries on its own until done); false while that is not finished.</summary>
    private async Task<bool> RegisterAsync(string nodeName)
    {
        var node = grains.GetGrain<IEdgeNodeGrain>(nodeName);
        if ((await node.Get()).IsOk)
        {
            await node.BeginInstall();
            return await node.ResyncInstall(ResyncWait);
        }

        await node.Register(new EdgeHive.Grains.Cloud.NodeInfo("", "", "", "", new EdgeHive.Grains.Cloud.NodeCapacity(0, 0, 0, 0)));
        return true;
    }

    internal static bool TryParseBearer(string? header, out string bearer)
    {
        bearer = "";
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, EdgeProtocolConstants.AuthorizationScheme, StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(value.Parameter))
        {
            return false;
        }

        bearer = value.Parameter.Trim();
        return true;
    }
}
