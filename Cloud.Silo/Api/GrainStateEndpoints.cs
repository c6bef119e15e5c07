using System.Globalization;
using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary><c>GET /api/v1/grains/{type}/{key}</c>: the stored state row of any grain, read-only, for admins
/// diagnosing the cluster. Keys may contain '/', so the key is the rest of the path, written plainly
/// (<c>default/sim-1</c>) or as one escaped segment (<c>default%2Fsim-1</c>, as OpenAPI clients send <c>{key}</c>).</summary>
internal static class GrainStateEndpoints
{
    /// <summary>System records are not grain state and are not found here; those that hold secrets' hashes are
    /// refused with a pointer to their endpoints, even to admins.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { SystemRows.ApiTokens, SystemRows.JoinTokens, SystemRows.NodeCredentials };

    public static void MapGrainState(this RouteGroupBuilder api)
    {
        api.MapGet("/grains/{type}/{**key}", GetAsync)
            .WithTags("Cluster").RequireAuthorization(ApiPolicies.Admin).Produces<GrainStateView>();
    }

    private static async Task<IResult> GetAsync(string type, string? key, HttpContext context, IGrainStateStore storage, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Problems.NotFound("Name the grain: /api/v1/grains/{type}/{key}.");
        }

        // The server decodes the path except "%2F" (it would change the path's segments); a key is one value, so its
        // escapes are undone here. Grain keys are resource names, which hold no '%' of their own.
        key = Uri.UnescapeDataString(key);
        if (Hidden.Contains(type))
        {
            return Problems.Forbidden($"Rows of '{type}' hold secret hashes and are not shown; use the token endpoints.");
        }

        var row = await storage.ReadAsync(type, key, ct);
        if (row is null)
        {
            return Problems.NotFound($"Grain {type}/{key} has no stored state.");
        }

        var etag = "\"" + row.Version.ToString(CultureInfo.InvariantCulture) + "\"";
        context.Response.Headers.ETag = etag;
        return TypedResults.Json(new GrainStateView(type, key, row.Version, row.UpdatedAt, row.Payload));
    }
}
