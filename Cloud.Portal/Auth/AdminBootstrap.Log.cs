using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Auth;

internal sealed partial class AdminBootstrap
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Portal: created the first admin user {User} (generated password: {Generated})")]
    private static partial void LogAdminCreated(ILogger logger, string user, bool generated);
}
