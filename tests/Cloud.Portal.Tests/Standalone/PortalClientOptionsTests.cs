using EdgeHive.Cloud.Portal.Cluster;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The standalone portal's gateway settings, home runtime and Orleans side by side (issue 9).</summary>
public sealed class PortalClientOptionsTests
{
    [Fact]
    public void Orleans_gateways_default_to_the_home_gateways_with_the_silos_default_port_offset()
    {
        var options = new PortalClientOptions { Gateways = "10.0.0.11:30000, silo-b:30001" };
        options.Validate();
        Assert.Equal(["10.0.0.11:30100", "silo-b:30101"], options.OrleansGatewayList);
    }

    [Fact]
    public void Configured_orleans_gateways_are_used_as_given()
    {
        var options = new PortalClientOptions { Gateways = "127.0.0.1:30000", OrleansGateways = "127.0.0.1:41000;127.0.0.1:41001" };
        options.Validate();
        Assert.Equal(["127.0.0.1:41000", "127.0.0.1:41001"], options.OrleansGatewayList);
    }

    [Theory]
    [InlineData("silo-a")]
    [InlineData("silo-a:0")]
    [InlineData("silo-a:70000")]
    [InlineData(":30100")]
    public void A_malformed_orleans_gateway_is_refused_naming_it(string gateway)
    {
        var options = new PortalClientOptions { Gateways = "127.0.0.1:30000", OrleansGateways = gateway };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("Portal:OrleansGateways", error.Message, StringComparison.Ordinal);
        Assert.Contains(gateway, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_home_gateway_whose_default_orleans_port_is_out_of_range_is_refused()
    {
        var options = new PortalClientOptions { Gateways = "127.0.0.1:65500" };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("127.0.0.1:65600", error.Message, StringComparison.Ordinal);
    }
}
