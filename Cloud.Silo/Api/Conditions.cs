using EdgeHive.Cloud.Silo.Domain;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Checks the conditional request headers before anything is called, so a malformed header is a 400
/// and never reaches a grain.</summary>
internal static class Conditions
{
    /// <summary>The raw <c>If-Match</c> value to hand to the grain, or the 400 problem when it is malformed.</summary>
    public static (string? IfMatch, ProblemResult? Problem) IfMatch(HttpRequest request)
    {
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        return ETags.TryParseCondition(header, out _)
            ? (header, null)
            : (null, Problems.BadRequest("The If-Match header must be '*' or a list of quoted entity tags, such as \"42\"."));
    }

    /// <summary>True when <c>If-None-Match</c> matches <paramref name="etag"/>, so a read can answer 304.</summary>
    public static bool NotModified(HttpRequest request, string? etag)
    {
        string? header = request.Headers.IfNoneMatch;
        if (string.IsNullOrWhiteSpace(header) || etag is null || !ETags.TryParse(etag, out var tag)
            || !ETags.TryGetVersion(tag, out var version))
        {
            return false;
        }

        return ETags.CheckIfNoneMatch(header, version) == PreconditionResult.Failed;
    }
}
