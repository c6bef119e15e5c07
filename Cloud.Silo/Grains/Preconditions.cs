using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>If-Match evaluation as grain results.</summary>
internal static class Preconditions
{
    /// <summary>Null when the write may go ahead; otherwise the failure to return (400 for a malformed header, 412 with
    /// the current ETag, or 404 when the resource does not exist and the header does not ask for it).</summary>
    public static OperationResult<T>? Check<T>(string? ifMatch, long? currentVersion, string what)
    {
        return ETags.CheckIfMatch(ifMatch, currentVersion) switch
        {
            PreconditionResult.Passed => currentVersion is null ? OperationResult<T>.NotFound($"{what} does not exist.") : null,
            PreconditionResult.Malformed => OperationResult<T>.BadRequest("The If-Match header is not '*' or a list of entity tags."),
            _ => currentVersion is null
                ? OperationResult<T>.NotFound($"{what} does not exist.")
                : OperationResult<T>.PreconditionFailed(ETags.Format(currentVersion.Value)),
        };
    }
}
