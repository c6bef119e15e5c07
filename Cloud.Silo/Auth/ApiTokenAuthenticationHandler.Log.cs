namespace EdgeHive.Cloud.Silo.Auth;

internal sealed partial class ApiTokenAuthenticationHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Rejected an invalid bearer token on {Path}")]
        public static partial void InvalidToken(ILogger logger, PathString path);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Token {TokenId} may not {Method} {Path}")]
        public static partial void Forbidden(ILogger logger, string? tokenId, string method, PathString path);
    }
}
