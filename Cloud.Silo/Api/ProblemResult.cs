using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// An RFC 9457 <c>application/problem+json</c> response: type, title, status, detail, instance (the request path),
/// plus <c>errors</c> (field → messages) for validation failures. Headers that belong to the error travel with it:
/// the current <c>ETag</c> on 409/412, <c>WWW-Authenticate</c> on 401, <c>Retry-After</c> on 503.
/// </summary>
internal sealed class ProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>The media type of every error body.</summary>
    public const string MediaType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ProblemResult(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        StatusCode = status;
        Detail = detail;
        Errors = errors;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => MediaType;

    public string Detail { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>The resource's current ETag, sent as the <c>ETag</c> header.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>WWW-Authenticate</c> challenge, for 401.</summary>
    public string? Challenge { get; init; }

    /// <summary>When the client may retry, sent as <c>Retry-After</c> (whole seconds, at least 1), for 503.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        if (Challenge is not null)
        {
            response.Headers.WWWAuthenticate = Challenge;
        }

        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.Headers.CacheControl = "no-store";
        return response.WriteAsJsonAsync(ToProblemDetails(httpContext), Json, MediaType, httpContext.RequestAborted);
    }

    /// <summary>The body as <see cref="ProblemDetails"/>.</summary>
    public ProblemDetails ToProblemDetails(HttpContext httpContext)
    {
        var (type, title) = ProblemTypes.For(StatusCode);
        var problem = new ProblemDetails
        {
            Type = type,
            Title = title,
            Status = StatusCode,
            Detail = Detail,
            Instance = httpContext.Request.Path.Value,
        };
        if (Errors is not null)
        {
            problem.Extensions["errors"] = Errors;
        }

        return problem;
    }
}
