using EdgeHive.Edge.Agent.EdgeHub;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

public sealed class UpstreamCostTests
{
    private static readonly EdgeMessageFactory Factory = new("edge", TimeProvider.System);

    [Fact]
    public void Acks_keepalives_and_error_replies_are_free()
    {
        var downstream = Factory.KeepAlive();

        Assert.Equal(0, UpstreamCost.Of([Factory.Ack(downstream), Factory.KeepAlive(), Factory.Error(downstream, ErrorCodes.BadRequest, "no")]));
    }

    [Fact]
    public void Only_the_charged_messages_of_a_mixed_batch_cost_a_token()
    {
        var status = Factory.Create(new ServiceResponse { StatusCode = 200 });

        Assert.True(UpstreamCost.IsCharged(status));
        Assert.Equal(2, UpstreamCost.Of([status, Factory.Ack(status), status, Factory.KeepAlive()]));
    }
}
