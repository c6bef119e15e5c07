namespace EdgeHive.Cloud.Silo.Auth;

internal sealed partial class AdminTokenBootstrap
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "No Auth:AdminToken configured; generated a bootstrap admin token and printed it to the console once")]
        public static partial void BootstrapTokenCreated(ILogger logger);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Debug, Message = "No Auth:AdminToken configured; the cluster's bootstrap admin token already exists")]
        public static partial void BootstrapTokenExists(ILogger logger);
    }
}
