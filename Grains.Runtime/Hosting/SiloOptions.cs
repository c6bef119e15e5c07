namespace EdgeHive.Grains.Runtime.Hosting;

/// <summary>Options of a silo. Every default is the documented one (docs/architecture.md).</summary>
public sealed class SiloOptions
{
    /// <summary>Cluster id: silos with the same id and database form one cluster. Default "edgehive".</summary>
    public string ClusterId { get; set; } = "edgehive";

    /// <summary>A human-readable silo name for logs and the cluster page. Default: machine name + port.</summary>
    public string? SiloName { get; set; }

    /// <summary>Address other silos reach this one on. Default 127.0.0.1.</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Address to bind the silo and gateway listeners to. Default: <see cref="AdvertisedHost"/>.</summary>
    public string? ListenHost { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port; 0 picks a free port, -1 disables the gateway. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Default deadline of a grain call. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle activations older than this are collected. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min (or a quarter of CollectionAge if smaller).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long deactivation waits for running requests. Default 10 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest frame on silo and gateway connections. Default 4 MiB.</summary>
    public int MaxFrameSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Times a request may be forwarded between silos before it fails. Default 3.</summary>
    public int MaxForwardCount { get; set; } = 3;

    /// <summary>Throws on values that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException("ClusterId must be set.");
        }

        if (SiloPort is < 0 or > 65535 || GatewayPort is < -1 or > 65535)
        {
            throw new ArgumentException("SiloPort must be 0–65535 and GatewayPort -1–65535.");
        }

        if (CallTimeout <= TimeSpan.Zero || CollectionAge <= TimeSpan.Zero || CollectionQuantum <= TimeSpan.Zero)
        {
            throw new ArgumentException("CallTimeout, CollectionAge and CollectionQuantum must be positive.");
        }

        if (MaxFrameSize < 1024)
        {
            throw new ArgumentException("MaxFrameSize must be at least 1 KiB.");
        }
    }
}
