using EdgeHive.Cloud.Silo.Auth;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>API tokens (<c>/api/v1/tokens</c>) and join tokens (<c>/api/v1/jointokens</c>); admin only. A token's
/// secret appears once, in the creation response; lists never show it.</summary>
internal static class TokenEndpoints
{
    private const int MaxNameLength = 200;
    private const long MaxTtlSeconds = 10L * 365 * 24 * 3600;

    public static void MapTokens(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization(ApiPolicies.Admin);
        tokens.MapPost("/", CreateApiTokenAsync).Accepts<CreateApiTokenRequest>(RequestBodies.Json).Produces<CreatedApiToken>(StatusCodes.Status201Created);
        tokens.MapGet("/", async (ApiTokenStore store, CancellationToken ct) => TypedResults.Json(new { items = await store.ListAsync(ct) }));
        tokens.MapDelete("/{id}", async (string id, ApiTokenStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : (IResult)Problems.NotFound($"There is no API token '{id}'."));

        var join = api.MapGroup("/jointokens").WithTags("Join tokens").RequireAuthorization(ApiPolicies.Admin);
        join.MapPost("/", CreateJoinTokenAsync).Accepts<CreateJoinTokenRequest>(RequestBodies.Json).Produces<CreatedJoinToken>(StatusCodes.Status201Created);
        join.MapGet("/", async (IJoinTokens store, CancellationToken ct) => TypedResults.Json(new { items = await store.ListAsync(ct) }));
        join.MapDelete("/{id}", async (string id, IJoinTokens store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : (IResult)Problems.NotFound($"There is no join token '{id}'."));
    }

    private static async Task<IResult> CreateApiTokenAsync(HttpContext context, ApiTokenStore store, TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBodies.ReadJsonAsync<CreateApiTokenRequest>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            return Problems.Validation("name", $"is required and at most {MaxNameLength} characters");
        }

        if (!ApiPolicies.TryParseRole(request.Role, out var role))
        {
            return Problems.Validation("role", "must be 'viewer', 'editor' or 'admin'");
        }

        if (request.TtlSeconds is < 1 or > MaxTtlSeconds)
        {
            return Problems.Validation("ttlSeconds", "must be 1 to 10 years in seconds, or be left out for a token that does not expire");
        }

        var expires = request.TtlSeconds is { } ttl ? time.GetUtcNow().AddSeconds(ttl) : (DateTimeOffset?)null;
        var issued = await store.CreateAsync(request.Name, role, expires, ct);
        var info = issued.Info;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new CreatedApiToken(info.Id, info.Name, ApiPolicies.ClaimValue(info.Role), info.CreatedAt, info.ExpiresAt, issued.Token),
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> CreateJoinTokenAsync(HttpContext context, IJoinTokens store, CancellationToken ct)
    {
        var body = await RequestBodies.ReadJsonAsync<CreateJoinTokenRequest>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var request = body.Value!;
        if (request.Description is { Length: > MaxNameLength })
        {
            return Problems.Validation("description", $"must be at most {MaxNameLength} characters");
        }

        if (request.TtlSeconds is < 1 or > MaxTtlSeconds)
        {
            return Problems.Validation("ttlSeconds", "must be a positive number of seconds within the configured maximum");
        }

        IssuedJoinToken issued;
        try
        {
            var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            issued = await store.CreateAsync(request.Description, ttl, request.MaxUses, ct);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var field = ex.ParamName == "maxUses" ? "maxUses" : "ttlSeconds";
            return Problems.Validation(field, ex.Message.Split(" (Parameter", 2)[0]);
        }

        var info = issued.Info;
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            new CreatedJoinToken(info.Id, info.Description, info.CreatedAt, info.ExpiresAt, info.MaxUses, issued.Token),
            statusCode: StatusCodes.Status201Created);
    }
}
