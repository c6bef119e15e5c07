using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// The outcome of a cloud grain operation: a status, the value on success, and the facts the REST layer needs to
/// build its response (current ETag for 409/412, field errors for 422, a message for the problem detail).
/// </summary>
/// <typeparam name="T">The value returned on success.</typeparam>
/// <param name="Status">How the operation ended.</param>
/// <param name="Value">The resource (or result) on success; null otherwise.</param>
/// <param name="ETag">The resource's current ETag: set on success, and on conflict or failed precondition when the
/// resource exists.</param>
/// <param name="Message">A human-readable explanation of a failure.</param>
/// <param name="Errors">Field errors when <paramref name="Status"/> is <see cref="OperationStatus.ValidationFailed"/>.</param>
public sealed record OperationResult<T>(
    OperationStatus Status,
    T? Value,
    string? ETag,
    string? Message,
    IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Field errors; never null (an empty list when there are none).</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = Errors ?? [];

    /// <summary>True when <see cref="Status"/> is <see cref="OperationStatus.Ok"/>.</summary>
    [JsonIgnore]
    public bool IsOk => Status == OperationStatus.Ok;

    /// <summary>A success carrying <paramref name="value"/> and its ETag.</summary>
    public static OperationResult<T> Ok(T value, string? etag) => new(OperationStatus.Ok, value, etag, null, []);

    /// <summary>The resource does not exist.</summary>
    public static OperationResult<T> NotFound(string message) =>
        new(OperationStatus.NotFound, default, null, message, []);

    /// <summary>The resource's state forbids the operation; <paramref name="currentETag"/> when it exists.</summary>
    public static OperationResult<T> Conflict(string message, string? currentETag) =>
        new(OperationStatus.Conflict, default, currentETag, message, []);

    /// <summary>The If-Match precondition failed against <paramref name="currentETag"/> (null if the resource is gone).</summary>
    public static OperationResult<T> PreconditionFailed(string? currentETag) =>
        new(OperationStatus.PreconditionFailed, default, currentETag, "The resource was changed by someone else (If-Match does not match the current ETag).", []);

    /// <summary>One or more values break a rule.</summary>
    public static OperationResult<T> ValidationFailed(IReadOnlyList<ValidationError> errors) =>
        new(OperationStatus.ValidationFailed, default, null, "One or more values are invalid.", errors);

    /// <summary>One value breaks a rule.</summary>
    public static OperationResult<T> ValidationFailed(string property, string message) =>
        ValidationFailed([new ValidationError(property, message)]);

    /// <summary>The request is malformed.</summary>
    public static OperationResult<T> BadRequest(string message) =>
        new(OperationStatus.BadRequest, default, null, message, []);

    /// <summary>The caller may not act on this resource.</summary>
    public static OperationResult<T> Forbidden(string message) =>
        new(OperationStatus.Forbidden, default, null, message, []);

    /// <summary>Carries a failure over to a result of another value type (the value itself is dropped).</summary>
    /// <exception cref="InvalidOperationException">The result is a success, which has a value that cannot be converted.</exception>
    public OperationResult<TOther> AsFailure<TOther>() =>
        IsOk
            ? throw new InvalidOperationException("A successful result cannot be converted to a failure.")
            : new OperationResult<TOther>(Status, default, ETag, Message, Errors);
}
