using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>Pure decisions of the cloud link: what to do after a session ends, which URL is next, what to connect to.</summary>
public static class LinkPolicy
{
    /// <summary>
    /// Decides the next step after <paramref name="end"/>. A credential refused or revoked (HTTP 401 / close 4401)
    /// while presenting the <em>stored node credential</em> stops the link: the cloud revoked this node, and a join
    /// token cannot take over an existing node, so retrying only floods the gateway. Refused with a join token, the
    /// token may be created later: retry at the ceiling. An unsupported protocol version (HTTP 426 on the upgrade, or
    /// close 4426) stops too — this agent must be upgraded. Forbidden (403 / 4403) retries at the ceiling; everything else (network errors, 1001 going
    /// away, 4408 keepalive, 4409 superseded, 4429, 1011) retries with backoff.
    /// </summary>
    public static LinkAction Decide(SessionEnd end, bool usedStoredCredential)
    {
        ArgumentNullException.ThrowIfNull(end);
        var unauthorized = end.HttpStatus == 401 || end.CloseCode == EdgeCloseCodes.Unauthorized;
        if (unauthorized)
        {
            return usedStoredCredential ? LinkAction.Stop : LinkAction.RetryAtCeiling;
        }

        if (IsVersionRefused(end))
        {
            return LinkAction.Stop;
        }

        return end.HttpStatus == 403 || (end.CloseCode is { } code && EdgeCloseCodes.IsPermanent(code))
            ? LinkAction.RetryAtCeiling
            : LinkAction.Retry;
    }

    /// <summary>Whether the cloud refused this agent's protocol version: HTTP 426 on the upgrade, or close 4426.</summary>
    public static bool IsVersionRefused(SessionEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        return end.HttpStatus == 426 || end.CloseCode == EdgeCloseCodes.UnsupportedVersion;
    }

    /// <summary>
    /// The URL index to try after a session on <paramref name="current"/> ended: the next one, round robin. Moving on
    /// after every end spreads a fleet over the silos and leaves a dead or departing silo (1001) at once.
    /// </summary>
    public static int NextUrl(int current, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (current + 1) % count;
    }

    /// <summary>The endpoint to connect to: the URL as given, or with <c>/edge/v1/connect</c> when it has no path.</summary>
    public static Uri ConnectUri(Uri cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        return cloud.AbsolutePath is "" or "/" ? new Uri(cloud, EdgeProtocolConstants.ConnectPath) : cloud;
    }
}
