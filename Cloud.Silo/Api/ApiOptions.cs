namespace EdgeHive.Cloud.Silo.Api;

/// <summary>REST API settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>Largest page a list returns. 200, as the API promises; not configurable upwards.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Page size when a list request names none. Default 50.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>How often an idle event stream gets a comment line, so proxies and clients see it is alive.
    /// Default 15 s.</summary>
    public TimeSpan EventHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws on values that cannot work.</summary>
    public void Validate()
    {
        if (DefaultPageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"Api:DefaultPageSize must be 1–{MaxPageSize}.");
        }

        if (EventHeartbeat <= TimeSpan.Zero)
        {
            throw new ArgumentException("Api:EventHeartbeat must be positive.");
        }
    }
}
