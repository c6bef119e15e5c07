namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>Options of the portal (configuration section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Portal";

    /// <summary>Password of the first admin (<c>admin</c>), used only when no user exists yet. When empty, a random one
    /// is generated and printed once on the console.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long a login lasts without activity. Default 8 h.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
