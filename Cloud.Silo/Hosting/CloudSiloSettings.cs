using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.Configuration;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>The cluster settings of a cloud silo, read from configuration under the names scripts rely on: the
/// database (<see cref="ClusterDatabaseSettings"/>) and where the silo listens and is reached.</summary>
/// <param name="Database">Where the cluster keeps its rows.</param>
/// <param name="SiloPort">The silo-to-silo port (<c>Cluster:SiloPort</c>, Orleans' <c>EndpointOptions.SiloPort</c>;
/// default 11111, 0 picks a free one).</param>
/// <param name="GatewayPort">The cluster-client gateway port (<c>Cluster:GatewayPort</c>, Orleans'
/// <c>EndpointOptions.GatewayPort</c>; default 30000, 0 picks a free one).</param>
/// <param name="AdvertisedHost">How other silos reach this one (<c>Cluster:AdvertisedHost</c>).</param>
internal sealed record CloudSiloSettings(
    ClusterDatabaseSettings Database,
    int SiloPort,
    int GatewayPort,
    string AdvertisedHost)
{
    /// <summary>The default of <see cref="SiloPort"/> (Orleans' own).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The default of <see cref="GatewayPort"/> (Orleans' own).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>How often the Orleans silo writes its I-am-alive time to the membership table
    /// (<c>Cluster:IAmAliveInterval</c>, Orleans' <c>ClusterMembershipOptions.IAmAliveTablePublishTimeout</c>), which the
    /// cluster view shows as "last alive". Default 30 s (Orleans' own default, 5 min, left the cluster page's "last
    /// alive" still for minutes); one small row update per silo and interval. Liveness itself is decided by probes.</summary>
    public TimeSpan IAmAliveInterval { get; init; } = DefaultIAmAliveInterval;

    /// <summary>The default of <see cref="IAmAliveInterval"/>.</summary>
    public static readonly TimeSpan DefaultIAmAliveInterval = TimeSpan.FromSeconds(30);

    /// <summary>The Kubernetes pod the silo runs in, from the downward-API environment variables <c>POD_NAME</c>,
    /// <c>POD_NAMESPACE</c> and <c>POD_IP</c> (all three set), or null outside a pod.</summary>
    public KubernetesPod? Pod { get; init; }

    public static CloudSiloSettings Read(IConfiguration configuration)
    {
        return new(
            ClusterDatabaseSettings.Read(configuration),
            Port(configuration, "Cluster:SiloPort", DefaultSiloPort),
            Port(configuration, "Cluster:GatewayPort", DefaultGatewayPort),
            configuration["Cluster:AdvertisedHost"] is { Length: > 0 } h ? h : "127.0.0.1")
        {
            Pod = KubernetesPod.Read(configuration),
            IAmAliveInterval = Interval(configuration, "Cluster:IAmAliveInterval", DefaultIAmAliveInterval),
        };
    }

    /// <summary>A TCP port that is free now. Orleans advertises the configured port in its membership, so "any free
    /// port" (0) is resolved to one before the silo starts. It is drawn below Linux's ephemeral range (32768 and up),
    /// where outgoing connections of this and other processes take their local ports, so one of them cannot take it
    /// between this check and the silo's bind.</summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var candidate = new TcpListener(IPAddress.Any, port);
                candidate.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The address other silos use for this one: <see cref="AdvertisedHost"/> as an IP address, or its first
    /// IPv4 address when it is a host name.</summary>
    /// <exception cref="InvalidOperationException">The name does not resolve to an IPv4 address.</exception>
    public IPAddress AdvertisedAddress()
    {
        if (IPAddress.TryParse(AdvertisedHost, out var address))
        {
            return address;
        }

        return Dns.GetHostAddresses(AdvertisedHost).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"Cluster:AdvertisedHost '{AdvertisedHost}' has no IPv4 address.");
    }

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= IPEndPoint.MaxPort ? port
        : throw new InvalidOperationException($"{name} '{text}' is not a port number (0 picks a free one).");

    private static TimeSpan Interval(IConfiguration configuration, string name, TimeSpan fallback) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero ? interval
        : throw new InvalidOperationException($"{name} '{text}' is not a positive time span (hh:mm:ss).");
}

/// <summary>A Kubernetes pod as the downward API describes it to its containers.</summary>
/// <param name="Name">The pod's name (<c>POD_NAME</c>, <c>metadata.name</c>).</param>
/// <param name="Namespace">Its namespace (<c>POD_NAMESPACE</c>, <c>metadata.namespace</c>).</param>
/// <param name="IP">Its IP address (<c>POD_IP</c>, <c>status.podIP</c>).</param>
internal sealed record KubernetesPod(string Name, string Namespace, string IP)
{
    /// <summary>The pod from the environment variables (the host's configuration includes them), or null unless all
    /// three are set.</summary>
    /// <exception cref="InvalidOperationException"><c>POD_IP</c> is not an IP address.</exception>
    public static KubernetesPod? Read(IConfiguration configuration)
    {
        if (configuration["POD_NAME"] is not { Length: > 0 } name
            || configuration["POD_NAMESPACE"] is not { Length: > 0 } ns
            || configuration["POD_IP"] is not { Length: > 0 } ip)
        {
            return null;
        }

        return IPAddress.TryParse(ip, out _) ? new KubernetesPod(name, ns, ip)
            : throw new InvalidOperationException($"POD_IP '{ip}' is not an IP address.");
    }
}
