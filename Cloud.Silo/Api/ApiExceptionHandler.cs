using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using Orleans.Storage;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Turns exceptions that escape an endpoint into problems: a grain call that timed out or could not reach its
/// grain (a timeout, a silo that is unavailable, a message Orleans rejected) is 503 with
/// <c>Retry-After</c>; a grain-state write Orleans refused as stale (another activation wrote first) is 412; a bad
/// request the framework detected keeps its status; anything else 500. The exception is logged; its message is not
/// sent, since it may name internals.</summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client should wait before retrying a request the cluster could not serve: about the time
    /// a silo takes to be replaced or a grain to activate elsewhere.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A call that failed this way may have run anyway (Orleans' delivery contract): said with each such 503.</summary>
    private const string MayStillApply = "A change may still take effect later: read the resource before retrying, or send If-Match.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemResult(bad.StatusCode, "The request could not be read."),
            TimeoutException => Unavailable("The cluster did not answer in time; retry the request. " + MayStillApply),
            // The silo holding the grain became unavailable (or was declared dead) while the call was on its way: the call
            // may still run there, or be passed on to the grain's new activation, so a change may yet take effect.
            OrleansMessageRejectionException => Unavailable("The cluster could not serve the request now; retry it. " + MayStillApply),
            InconsistentStateException => new ProblemResult(StatusCodes.Status412PreconditionFailed, "The resource was changed by someone else meanwhile; read it again and retry."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemResult(StatusCodes.Status500InternalServerError, "An unexpected error occurred; the cluster log has the details."),
        };
        if (problem is null)
        {
            return true;
        }

        if (problem.StatusCode >= 500)
        {
            Log.Failed(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemResult Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, detail) { RetryAfter = RetryAfter };
}
