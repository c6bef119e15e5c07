namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>How a standalone portal reaches the cluster (configuration section <c>Portal</c>, next to
/// <see cref="Auth.PortalOptions"/>; the cluster id is <c>Cluster:ClusterId</c>, as on the silos).</summary>
public sealed class PortalClientOptions
{
    /// <summary>The silos' Orleans gateways (their <c>Cluster:GatewayPort</c>), <c>host:port</c>, comma-separated
    /// (<c>Portal:Gateways</c>). The portal's cluster client uses any that answers and fails over to the others. Required;
    /// with <c>Cluster:Provider=Postgres</c> the client reads the gateways from the cluster's membership table instead.</summary>
    public string Gateways { get; set; } = string.Empty;

    /// <summary>Deadline of each grain call (<c>Portal:CallTimeout</c>). Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the change subscription is renewed (<c>Portal:ResubscribeInterval</c>); also how long live
    /// updates may stay away after a silo restart. Must stay well below the silo's 90 s lease. Default 10 s.</summary>
    public TimeSpan ResubscribeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before trying to subscribe again after a failure (<c>Portal:RetryInterval</c>). Default 2 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The gateway list, parsed.</summary>
    public IReadOnlyList<string> GatewayList => Split(Gateways);

    /// <summary>Throws when the options cannot work.</summary>
    /// <exception cref="InvalidOperationException">No gateway, a gateway without a port, or a non-positive interval.</exception>
    public void Validate()
    {
        if (GatewayList.Count == 0)
        {
            throw new InvalidOperationException("Portal:Gateways is empty; name at least one silo gateway as host:port (e.g. 127.0.0.1:30000).");
        }

        CheckEndpoints("Portal:Gateways", GatewayList);

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
