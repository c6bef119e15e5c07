using System.Text;
using EdgeHive.Edge.Agent.ServiceBus;
using EdgeHive.Edge.Agent.Tests.Infrastructure;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Tests.ServiceBus;

/// <summary>ServiceBus forwarding to an application on 127.0.0.1, and its clear 502/504 errors.</summary>
public sealed class ServiceForwarderTests
{
    [Fact]
    public async Task Request_reaches_the_local_application_and_its_response_comes_back_whole()
    {
        await using var app = await LocalApp.StartAsync();
        using var forwarder = new ServiceForwarder(new ServiceBusOptions(), TimeProvider.System);

        var response = await forwarder.ForwardAsync(new ServiceRequest
        {
            Method = "POST",
            Path = "/api/echo?hard=true",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Token"] = "t1" },
            Body = Encoding.UTF8.GetBytes("""{"x":1}"""),
            TargetPort = app.Port,
        }, default);

        Assert.Null(response.Error);
        Assert.Equal(201, response.StatusCode);
        Assert.Equal("""echo:{"x":1}""", Encoding.UTF8.GetString(response.Body!));
        Assert.Equal(("?hard=true", "t1"), (response.Headers["X-Seen-Query"], response.Headers["X-Seen-Token"]));
        Assert.Equal("application/json", response.Headers["Content-Type"]);
    }

    [Fact]
    public async Task Refused_connection_is_a_502_naming_the_port()
    {
        using var forwarder = new ServiceForwarder(new ServiceBusOptions(), TimeProvider.System);
        var port = FreePort.Get();

        var response = await forwarder.ForwardAsync(new ServiceRequest { Method = "GET", Path = "/", TargetPort = port }, default);

        Assert.Equal(502, response.StatusCode);
        Assert.Contains($"connection refused by 127.0.0.1:{port}", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_slower_than_the_timeout_is_a_504()
    {
        await using var app = await LocalApp.StartAsync();
        using var forwarder = new ServiceForwarder(new ServiceBusOptions(), TimeProvider.System);

        var response = await forwarder.ForwardAsync(new ServiceRequest { Method = "GET", Path = "/api/slow", TargetPort = app.Port, TimeoutMs = 300 }, default);

        Assert.Equal(504, response.StatusCode);
        Assert.Contains("did not answer GET /api/slow within 300 ms", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_service_request_is_answered_with_a_service_response_naming_it()
    {
        await using var app = await LocalApp.StartAsync();
        await using var cloud = await FakeCloud.StartAsync();
        await using var agent = await AgentRunner.StartAsync([cloud.Url]);
        var c = await cloud.NextConnectionAsync();

        var ok = c.Factory.ServiceRequest(new ServiceRequest { Method = "POST", Path = "/api/echo", Body = "hi"u8.ToArray(), TargetPort = app.Port });
        var refused = c.Factory.ServiceRequest(new ServiceRequest { Method = "GET", Path = "/", TargetPort = FreePort.Get() });
        await c.SendAsync(ok, refused);

        var okAnswer = (await c.WaitForAsync(m => m.Header.ParentId == ok.Id, "response to the echo")).GetContent<ServiceResponse>();
        var refusedAnswer = (await c.WaitForAsync(m => m.Header.ParentId == refused.Id, "response to the refused request")).GetContent<ServiceResponse>();
        Assert.Equal((201, "echo:hi"), (okAnswer.StatusCode, Encoding.UTF8.GetString(okAnswer.Body!)));
        Assert.Equal(502, refusedAnswer.StatusCode);
        Assert.NotNull(refusedAnswer.Error);
    }
}
