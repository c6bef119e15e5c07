using System.Security.Claims;
using System.Text.Encodings.Web;
using EdgeHive.Cloud.Silo.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// Bearer authentication with API tokens. Missing or invalid tokens get a 401 problem with a
/// <c>WWW-Authenticate: Bearer</c> challenge; a valid token without the needed role gets a 403 problem. The token is
/// never logged; log lines name the token id at most.
/// </summary>
internal sealed partial class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "EdgeHiveBearer";

    private const string FailureKey = "edgehive.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The Authorization header must use the Bearer scheme.");
        }

        var token = header["Bearer ".Length..].Trim();
        var info = await tokens.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (info is null)
        {
            Log.InvalidToken(Logger, Request.Path);
            return Fail("The bearer token is unknown, revoked or expired.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, info.Id),
            new(ClaimTypes.Name, info.Name),
        };
        claims.AddRange(ApiPolicies.RoleClaims(info.Role));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[FailureKey] as string;
        var problem = failure is null
            ? Problems.Unauthorized("A bearer token is required (Authorization: Bearer <token>).", "Bearer")
            : Problems.Unauthorized(failure, "Bearer error=\"invalid_token\"");
        return problem.ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Log.Forbidden(Logger, Context.User.FindFirstValue(ClaimTypes.NameIdentifier), Request.Method, Request.Path);
        return Problems.Forbidden("The token's role does not allow this operation.").ExecuteAsync(Context);
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureKey] = message;
        return AuthenticateResult.Fail(message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Rejected an invalid bearer token on {Path}")]
        public static partial void InvalidToken(ILogger logger, PathString path);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Token {TokenId} may not {Method} {Path}")]
        public static partial void Forbidden(ILogger logger, string? tokenId, string method, PathString path);
    }
}
