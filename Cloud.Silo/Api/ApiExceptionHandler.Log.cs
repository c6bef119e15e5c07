namespace EdgeHive.Cloud.Silo.Api;

internal sealed partial class ApiExceptionHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3400, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
        public static partial void Failed(ILogger logger, string method, PathString path, Exception exception);
    }
}
