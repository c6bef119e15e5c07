using System.Text.Json;
using EdgeHive.Cloud.Silo.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;

namespace EdgeHive.Cloud.Silo.Tests.Api;

/// <summary>Grain-call failures that escape an endpoint become problems a client can act on, never 500.</summary>
public sealed class ApiExceptionHandlerTests
{
    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "Orleans response timeout", new TimeoutException("Response did not arrive on time") },
        { "Orleans silo unavailable", new SiloUnavailableException("silo S127.0.0.1:11111:0 is dead") },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task A_timed_out_or_unreachable_grain_call_is_503_problem_json_with_retry_after(string why, Exception exception)
    {
        var (response, problem) = await HandleAsync(exception);

        Assert.True(StatusCodes.Status503ServiceUnavailable == response.StatusCode, why);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
        Assert.StartsWith(ProblemResult.MediaType, response.ContentType);
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("11111", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_grain_state_write_refused_as_stale_is_412_problem_json()
    {
        var (response, problem) = await HandleAsync(new InconsistentStateException("version 3 expected, 4 stored"));

        Assert.Equal(StatusCodes.Status412PreconditionFailed, response.StatusCode);
        Assert.Equal(412, problem.GetProperty("status").GetInt32());
        Assert.False(response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Anything_else_is_still_500_without_its_message()
    {
        var (response, problem) = await HandleAsync(new InvalidOperationException("secret internals"));

        Assert.Equal(StatusCodes.Status500InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret", problem.GetProperty("detail").GetString());
    }

    private static async Task<(HttpResponse Response, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/devices/default/d1";
        var body = new MemoryStream();
        context.Response.Body = body;

        Assert.True(await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));

        return (context.Response, JsonDocument.Parse(body.ToArray()).RootElement);
    }
}
