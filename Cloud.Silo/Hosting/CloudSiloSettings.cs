using System.Globalization;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.Configuration;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>The cluster settings of a cloud silo, read from configuration under the names scripts rely on: the
/// database (<see cref="ClusterDatabaseSettings"/>) and where the silo listens and is reached.</summary>
internal sealed record CloudSiloSettings(
    ClusterDatabaseSettings Database,
    int SiloPort,
    int GatewayPort,
    string AdvertisedHost)
{
    public static CloudSiloSettings Read(IConfiguration configuration) => new(
        ClusterDatabaseSettings.Read(configuration),
        Port(configuration, "Cluster:SiloPort", 11111),
        Port(configuration, "Cluster:GatewayPort", 30000),
        configuration["Cluster:AdvertisedHost"] is { Length: > 0 } h ? h : "127.0.0.1");

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port
        : throw new InvalidOperationException($"{name} '{text}' is not a port number.");
}
