namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>How a standalone portal reaches the cluster (configuration section <c>Portal</c>, next to
/// <see cref="Auth.PortalOptions"/>; the cluster id is <c>Cluster:ClusterId</c>, as on the silos).</summary>
public sealed class PortalClientOptions
{
    /// <summary>Silo gateways, <c>host:port</c>, comma-separated (<c>Portal:Gateways</c>). The portal uses the first
    /// that answers and fails over to the others. Required.</summary>
    public string Gateways { get; set; } = string.Empty;

    /// <summary>Deadline of each grain call (<c>Portal:CallTimeout</c>). Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the change subscription is renewed (<c>Portal:ResubscribeInterval</c>); also how long live
    /// updates may stay away after a silo restart. Must stay well below the silo's 90 s lease. Default 10 s.</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before trying to subscribe again after a failure (<c>Portal:RetryInterval</c>). Default 2 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Orleans gateways of the silos, <c>host:port</c>, comma-separated (<c>Portal:OrleansGateways</c>), for the
    /// grain families that moved to Orleans (issue 9) on a cluster without PostgreSQL (with it, the client reads the
    /// gateways from the membership table). Default: each of <see cref="Gateways"/> with its port + 100, the silo's
    /// default <c>Orleans:GatewayPort</c>. Temporary, like that key: it goes when the home runtime does.</summary>
    public string OrleansGateways { get; set; } = string.Empty;

    /// <summary>The gateway list, parsed.</summary>
    public IReadOnlyList<string> GatewayList => Split(Gateways);

    /// <summary>The Orleans gateway list, parsed (see <see cref="OrleansGateways"/>).</summary>
    public IReadOnlyList<string> OrleansGatewayList =>
        string.IsNullOrWhiteSpace(OrleansGateways)
            ? [.. GatewayList.Select(static g => g[..(g.LastIndexOf(':') + 1)] + (int.Parse(g.AsSpan(g.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture) + 100).ToString(System.Globalization.CultureInfo.InvariantCulture))]
            : Split(OrleansGateways);

    /// <summary>Throws when the options cannot work.</summary>
    /// <exception cref="InvalidOperationException">No gateway, a gateway without a port, or a non-positive interval.</exception>
    public void Validate()
    {
        if (GatewayList.Count == 0)
        {
            throw new InvalidOperationException("Portal:Gateways is empty; name at least one silo gateway as host:port (e.g. 127.0.0.1:30000).");
        }

        CheckEndpoints("Portal:Gateways", GatewayList);
        CheckEndpoints(string.IsNullOrWhiteSpace(OrleansGateways) ? "Portal:OrleansGateways (Portal:Gateways with port + 100)" : "Portal:OrleansGateways", OrleansGatewayList);

        if (CallTimeout <= TimeSpan.Zero || ResubscribeInterval <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Portal:CallTimeout, Portal:ResubscribeInterval and Portal:RetryInterval must be positive.");
        }
    }

    private static void CheckEndpoints(string key, IEnumerable<string> gateways)
    {
        foreach (var gateway in gateways)
        {
            var colon = gateway.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            {
                throw new InvalidOperationException($"{key} entry '{gateway}' is not host:port.");
            }
        }
    }

    private static string[] Split(string list) =>
        list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
