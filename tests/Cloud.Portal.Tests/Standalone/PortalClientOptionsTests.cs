using EdgeHive.Cloud.Portal.Cluster;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The standalone portal's gateway settings.</summary>
public sealed class PortalClientOptionsTests
{
    [Fact]
    public void Gateways_are_the_silos_orleans_gateways_as_given()
    {
        var options = new PortalClientOptions { Gateways = "10.0.0.11:30000, silo-b:30001;127.0.0.1:41000" };
        options.Validate();
        Assert.Equal(["10.0.0.11:30000", "silo-b:30001", "127.0.0.1:41000"], options.GatewayList);
    }

    [Fact]
    public void No_gateway_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(new PortalClientOptions().Validate);
        Assert.Contains("Portal:Gateways", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo-a")]
    [InlineData("silo-a:0")]
    [InlineData("silo-a:70000")]
    [InlineData(":30000")]
    public void A_malformed_gateway_is_refused_naming_it(string gateway)
    {
        var options = new PortalClientOptions { Gateways = gateway };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Portal:Gateways", error.Message, StringComparison.Ordinal);
        Assert.Contains(gateway, error.Message, StringComparison.Ordinal);
    }
}
