namespace EdgeHive.Edge.Agent.ServiceBus;

/// <summary>ServiceBus settings.</summary>
public sealed class ServiceBusOptions
{
    /// <summary>Requests forwarded at the same time; more wait for a slot. Default 16.</summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>
    /// Largest response body returned to the cloud. Default 512 KiB: base64 grows it by a third and the whole
    /// response must fit the 1 MiB protocol frame.
    /// </summary>
    public int MaxResponseBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Upper bound of a request's own timeout. Default 5 min.</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
