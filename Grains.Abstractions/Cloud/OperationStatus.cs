using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// How a cloud grain operation ended. Failures are values, not exceptions, so nothing user-visible crosses silos as an
/// exception and the REST layer maps each status to one HTTP status code.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationStatus>))]
public enum OperationStatus
{
    /// <summary>The operation succeeded (HTTP 200/201).</summary>
    Ok,

    /// <summary>The addressed resource does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The resource is in a state that forbids the operation: it already exists, or it is still in use
    /// (HTTP 409). <see cref="OperationResult{T}.ETag"/> holds the current ETag when there is a resource.</summary>
    Conflict,

    /// <summary>The request's values break a rule (unknown property, wrong type, out of range, read-only, immutable
    /// field); <see cref="OperationResult{T}.Errors"/> names each offending field (HTTP 422).</summary>
    ValidationFailed,

    /// <summary>The If-Match precondition did not hold; <see cref="OperationResult{T}.ETag"/> is the current ETag
    /// (HTTP 412).</summary>
    PreconditionFailed,

    /// <summary>The request itself is malformed: unparsable JSON, an unparsable If-Match header (HTTP 400).</summary>
    BadRequest,

    /// <summary>The caller may not act on this resource, for example an edge node writing a device bound to another
    /// node (HTTP 403).</summary>
    Forbidden,
}
