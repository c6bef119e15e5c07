using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.Configuration;

namespace EdgeHive.Grains.Runtime.Tests.Core;

public sealed class ClusterDatabaseSettingsTests
{
    [Fact]
    public void Empty_configuration_means_a_sqlite_file_in_the_default_data_dir()
    {
        var settings = ClusterDatabaseSettings.Read(Configuration());

        Assert.False(settings.UsePostgres);
        Assert.Equal(Path.Combine("./.data", "edgehive.db"), settings.SqlitePath);
        Assert.Equal("edgehive", settings.ClusterId);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgresql")]
    public void Postgres_provider_takes_the_connection_string_and_cluster_id(string provider)
    {
        var settings = ClusterDatabaseSettings.Read(Configuration(
            ("Cluster:Provider", provider),
            ("ConnectionStrings:Postgres", "Host=db"),
            ("Cluster:ClusterId", "plant-7"),
            ("Storage:DataDir", "/var/edgehive")));

        Assert.True(settings.UsePostgres);
        Assert.Equal("Host=db", settings.PostgresConnectionString);
        Assert.Equal("plant-7", settings.ClusterId);
        Assert.Equal(Path.Combine("/var/edgehive", ClusterDatabaseSettings.SqliteFileName), settings.SqlitePath);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterDatabaseSettings.Read(Configuration(("Cluster:Provider", "Postgres"))));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_provider_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterDatabaseSettings.Read(Configuration(("Cluster:Provider", "Oracle"))));

        Assert.Contains("'Oracle' is not supported", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
