using EdgeHive.Edge.Agent.EdgeHub;

namespace EdgeHive.Edge.Agent.Tests.EdgeHub;

public sealed class LinkPolicyTests
{
    [Theory]
    [InlineData(4401, null, true, LinkAction.Stop)]
    [InlineData(null, 401, true, LinkAction.Stop)]
    [InlineData(4401, null, false, LinkAction.RetryAtCeiling)]
    [InlineData(null, 401, false, LinkAction.RetryAtCeiling)]
    [InlineData(4426, null, true, LinkAction.Stop)]
    [InlineData(null, 426, true, LinkAction.Stop)]
    [InlineData(null, 426, false, LinkAction.Stop)]
    [InlineData(4403, null, true, LinkAction.RetryAtCeiling)]
    [InlineData(null, 403, false, LinkAction.RetryAtCeiling)]
    [InlineData(4409, null, true, LinkAction.Retry)]
    [InlineData(4408, null, true, LinkAction.Retry)]
    [InlineData(1001, null, true, LinkAction.Retry)]
    [InlineData(null, 503, true, LinkAction.Retry)]
    [InlineData(null, null, false, LinkAction.Retry)]
    public void Close_codes_and_refusals_map_to_the_documented_action(int? closeCode, int? httpStatus, bool storedCredential, LinkAction expected) =>
        Assert.Equal(expected, LinkPolicy.Decide(new SessionEnd(closeCode, httpStatus, false, ""), storedCredential));

    [Fact]
    public void Urls_rotate_round_robin() =>
        Assert.Equal([1, 2, 0, 1], new[] { 0, 1, 2, 0 }.Select(i => LinkPolicy.NextUrl(i, 3)));

    [Theory]
    [InlineData("wss://cloud", "wss://cloud/edge/v1/connect")]
    [InlineData("ws://cloud:8080/", "ws://cloud:8080/edge/v1/connect")]
    [InlineData("ws://cloud/custom/path", "ws://cloud/custom/path")]
    public void A_bare_cloud_url_gets_the_connect_path(string given, string expected) =>
        Assert.Equal(expected, LinkPolicy.ConnectUri(new Uri(given)).ToString());
}
