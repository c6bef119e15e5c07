namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>Authentication settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>Bootstrap admin bearer token (<c>Auth:AdminToken</c>). When unset, the first start of the cluster
    /// generates one, stores its hash and prints it once to the console.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Lifetime of a join token when the request names none. Default 24 h (kubeadm's default).</summary>
    public TimeSpan DefaultJoinTokenTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Longest lifetime a join token may have. Default 30 days.</summary>
    public TimeSpan MaxJoinTokenTtl { get; set; } = TimeSpan.FromDays(30);
}
