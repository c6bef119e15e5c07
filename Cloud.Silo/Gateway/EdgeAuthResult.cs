namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>The outcome of authenticating an upgrade request.</summary>
/// <param name="StatusCode">0 when authenticated; otherwise the HTTP status to refuse the upgrade with (400, 401, 403, 503).</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="NodeName">The node the connection acts as.</param>
/// <param name="IssuedCredential">The credential issued by auto-registration on this connect, or null.</param>
/// <param name="CloseAfterWelcome">When set, the session ends right after the welcome (which carries the issued
/// credential) with 1011 (reconnect with backoff) and this reason: the node must not send before the cloud is ready for it.</param>
internal sealed record EdgeAuthResult(int StatusCode, string? Reason, string? NodeName, string? IssuedCredential, string? CloseAfterWelcome = null)
{
    public bool Succeeded => StatusCode == 0;

    public static EdgeAuthResult Node(string nodeName, string? issuedCredential = null) => new(0, null, nodeName, issuedCredential);

    /// <summary>Authenticated and issued a credential, but not ready for the node's traffic yet: the welcome delivers the
    /// credential, then the session is closed so the agent reconnects with it.</summary>
    public static EdgeAuthResult WelcomeOnly(string nodeName, string issuedCredential, string reason) => new(0, null, nodeName, issuedCredential, reason);

    public static EdgeAuthResult BadRequest(string reason) => new(400, reason, null, null);

    public static EdgeAuthResult Unauthorized(string reason) => new(401, reason, null, null);

    public static EdgeAuthResult Forbidden(string reason) => new(403, reason, null, null);

    /// <summary>Refused for now (503); the agent retries with its backoff.</summary>
    public static EdgeAuthResult Unavailable(string reason) => new(503, reason, null, null);
}
