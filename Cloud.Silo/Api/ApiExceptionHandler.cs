using EdgeHive.Grains;
using Microsoft.AspNetCore.Diagnostics;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Turns exceptions that escape an endpoint into problems: a grain call that timed out is 504, one that
/// could not reach its grain 503, a bad request the framework detected keeps its status, anything else 500. The
/// exception is logged; its message is not sent, since it may name internals.</summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = exception switch
        {
            BadHttpRequestException bad => new ProblemResult(bad.StatusCode, "The request could not be read."),
            GrainCallTimeoutException => new ProblemResult(StatusCodes.Status504GatewayTimeout, "The cluster did not answer in time; retry the request."),
            GrainCallFailedException => new ProblemResult(StatusCodes.Status503ServiceUnavailable, "The cluster could not serve the request now; retry it."),
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 3400, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
        public static partial void Failed(ILogger logger, string method, PathString path, Exception exception);
    }
}
