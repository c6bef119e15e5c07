using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Turns grain results into responses: the entity with its <c>ETag</c> header, or a problem.</summary>
internal static class ApiResults
{
    /// <summary>200 (or <paramref name="status"/>) with the entity and its ETag, or the operation's problem.</summary>
    public static IResult Entity<T>(HttpContext context, OperationResult<T> result, int status = StatusCodes.Status200OK, string? location = null)
    {
        if (!result.IsOk)
        {
            return Problems.FromOperation(result);
        }

        if (result.ETag is not null)
        {
            context.Response.Headers.ETag = result.ETag;
        }

        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        return TypedResults.Json(result.Value, statusCode: status);
    }

    /// <summary>A read: 304 when If-None-Match matches, else like <see cref="Entity{T}"/>.</summary>
    public static IResult Read<T>(HttpContext context, OperationResult<T> result)
    {
        if (result.IsOk && Conditions.NotModified(context.Request, result.ETag))
        {
            context.Response.Headers.ETag = result.ETag;
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return Entity(context, result);
    }
}
