using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>The cluster settings of a cloud silo, read from configuration under the names scripts rely on.</summary>
internal sealed record CloudSiloSettings(
    bool UsePostgres,
    string SqlitePath,
    string? PostgresConnectionString,
    string ClusterId,
    int SiloPort,
    int GatewayPort,
    string AdvertisedHost)
{
    public static CloudSiloSettings Read(IConfiguration configuration)
    {
        var provider = configuration["Cluster:Provider"] is { Length: > 0 } p ? p : "Sqlite";
        var usePostgres = provider.ToUpperInvariant() switch
        {
            "SQLITE" => false,
            "POSTGRES" or "POSTGRESQL" => true,
            _ => throw new InvalidOperationException($"Cluster:Provider '{provider}' is not supported; use Sqlite or Postgres."),
        };
        var connectionString = configuration.GetConnectionString("Postgres");
        if (usePostgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Cluster:Provider is Postgres but ConnectionStrings:Postgres is not set.");
        }

        var dataDir = configuration["Storage:DataDir"] is { Length: > 0 } d ? d : "./.data";
        return new CloudSiloSettings(
            usePostgres,
            Path.Combine(dataDir, CloudSiloServiceCollectionExtensions.SqliteFileName),
            connectionString,
            configuration["Cluster:ClusterId"] is { Length: > 0 } c ? c : "edgehive",
            Port(configuration, "Cluster:SiloPort", 11111),
            Port(configuration, "Cluster:GatewayPort", 30000),
            configuration["Cluster:AdvertisedHost"] is { Length: > 0 } h ? h : "127.0.0.1");
    }

    private static int Port(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port
        : throw new InvalidOperationException($"{name} '{text}' is not a port number.");
}
