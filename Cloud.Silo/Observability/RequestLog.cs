using System.Diagnostics;

namespace EdgeHive.Cloud.Silo.Observability;

/// <summary>
/// One log line per HTTP request, when it ends: method, path, status and duration — no query string or headers, so no
/// tokens. It replaces ASP.NET Core's own per-request lines (hosting, routing, endpoint execution), which default to
/// Warning; the HTTP logging middleware was not used because its combined entry spans seven lines of text.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "HTTP {Method} {Path} {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string method, string path, int statusCode, double elapsedMs);
}
