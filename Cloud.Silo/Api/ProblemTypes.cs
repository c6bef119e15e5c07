namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The problem <c>type</c> and <c>title</c> of each status: the RFC 9110 section defining the status, as
/// ASP.NET Core uses for the problems it produces itself, so every error of the API looks alike.</summary>
internal static class ProblemTypes
{
    public static (string Type, string Title) For(int status) => status switch
    {
        400 => (Rfc("15.5.1"), "Bad Request"),
        401 => (Rfc("15.5.2"), "Unauthorized"),
        403 => (Rfc("15.5.4"), "Forbidden"),
        404 => (Rfc("15.5.5"), "Not Found"),
        405 => (Rfc("15.5.6"), "Method Not Allowed"),
        408 => (Rfc("15.5.9"), "Request Timeout"),
        409 => (Rfc("15.5.10"), "Conflict"),
        412 => (Rfc("15.5.13"), "Precondition Failed"),
        413 => (Rfc("15.5.14"), "Content Too Large"),
        415 => (Rfc("15.5.16"), "Unsupported Media Type"),
        422 => (Rfc("15.5.21"), "Unprocessable Content"),
        503 => (Rfc("15.6.4"), "Service Unavailable"),
        504 => (Rfc("15.6.5"), "Gateway Timeout"),
        _ => (Rfc("15.6.1"), "Internal Server Error"),
    };

    private static string Rfc(string section) => "https://tools.ietf.org/html/rfc9110#section-" + section;
}
