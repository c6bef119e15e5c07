using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The error responses of the API, one factory per status.</summary>
internal static class Problems
{
    public static ProblemResult BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    public static ProblemResult Unauthorized(string detail, string challenge) =>
        new(StatusCodes.Status401Unauthorized, detail) { Challenge = challenge };

    public static ProblemResult Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public static ProblemResult NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ProblemResult Conflict(string detail, string? etag) => new(StatusCodes.Status409Conflict, detail) { ETag = etag };

    public static ProblemResult PreconditionFailed(string detail, string? etag) =>
        new(StatusCodes.Status412PreconditionFailed, detail) { ETag = etag };

    public static ProblemResult ContentTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes (Api:MaxBodyBytes).");

    public static ProblemResult UnsupportedMediaType(string detail) => new(StatusCodes.Status415UnsupportedMediaType, detail);

    /// <summary>503 with <c>Retry-After</c>.</summary>
    public static ProblemResult Unavailable(string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status503ServiceUnavailable, detail) { RetryAfter = retryAfter };

    public static ProblemResult GatewayTimeout(string detail) => new(StatusCodes.Status504GatewayTimeout, detail);

    /// <summary>422 naming each offending field.</summary>
    public static ProblemResult Validation(IReadOnlyList<ValidationError> errors, string? detail = null)
    {
        var byField = errors
            .GroupBy(e => e.Property, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var text = detail ?? string.Join("; ", errors.Select(e => $"{e.Property}: {e.Message}"));
        return new ProblemResult(StatusCodes.Status422UnprocessableEntity, text, byField);
    }

    /// <summary>422 naming one field.</summary>
    public static ProblemResult Validation(string property, string message) => Validation([new ValidationError(property, message)]);

    /// <summary>The error response of a failed grain operation.</summary>
    public static ProblemResult FromOperation<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.NotFound => NotFound(result.Message ?? "The resource does not exist."),
        OperationStatus.Conflict => Conflict(result.Message ?? "The resource's state forbids this operation.", result.ETag),
        OperationStatus.PreconditionFailed => PreconditionFailed(
            result.Message ?? "If-Match does not match the current ETag.", result.ETag),
        OperationStatus.ValidationFailed => result.Errors.Count > 0
            ? Validation(result.Errors, result.Message)
            : new ProblemResult(StatusCodes.Status422UnprocessableEntity, result.Message ?? "One or more values are invalid."),
        OperationStatus.BadRequest => BadRequest(result.Message ?? "The request is malformed."),
        OperationStatus.Forbidden => Forbidden(result.Message ?? "The operation is not allowed."),
        _ => throw new InvalidOperationException("A successful result is not a problem."),
    };
}
