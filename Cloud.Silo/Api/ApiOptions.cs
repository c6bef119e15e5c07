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

    /// <summary>
    /// Largest JSON request body, in bytes. Default 1 MiB: the largest real document (a device with its twin at
    /// <c>TwinLimits</c>' caps) is far smaller. A larger body is refused with 413 before it is read: by its
    /// <c>Content-Length</c>, or, when chunked, as soon as the bytes read pass the limit. The portal's bulk import has
    /// a limit of its own (5 MiB file).
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a workload log request (<c>GET /api/v1/workloads/{ns}/{name}/nodes/{node}/logs</c>) waits for
    /// the node's answer before answering 504. Default 10 s.</summary>
    public TimeSpan WorkloadLogsTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws on values that cannot work.</summary>
    public void Validate()
    {
        if (DefaultPageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"Api:DefaultPageSize must be 1–{MaxPageSize}.");
        }

        if (MaxBodyBytes is < 1024 or > int.MaxValue / 2)
        {
            throw new ArgumentException("Api:MaxBodyBytes must be between 1 KiB and 1 GiB.");
        }

        if (WorkloadLogsTimeout <= TimeSpan.Zero || WorkloadLogsTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException("Api:WorkloadLogsTimeout must be positive and at most 5 minutes.");
        }

        if (EventHeartbeat <= TimeSpan.Zero)
        {
            throw new ArgumentException("Api:EventHeartbeat must be positive.");
        }
    }
}
