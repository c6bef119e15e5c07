namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>The outcome of authenticating an upgrade request.</summary>
/// <param name="StatusCode">0 when authenticated; otherwise the HTTP status to refuse the upgrade with (400, 401, 403).</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="NodeName">The node the connection acts as.</param>
/// <param name="IssuedCredential">The credential issued by auto-registration on this connect, or null.</param>
internal sealed record EdgeAuthResult(int StatusCode, string? Reason, string? NodeName, string? IssuedCredential)
{
    public bool Succeeded => StatusCode == 0;

    public static EdgeAuthResult Node(string nodeName, string? issuedCredential = null) => new(0, null, nodeName, issuedCredential);

    public static EdgeAuthResult BadRequest(string reason) => new(400, reason, null, null);

    public static EdgeAuthResult Unauthorized(string reason) => new(401, reason, null, null);

    public static EdgeAuthResult Forbidden(string reason) => new(403, reason, null, null);
}
