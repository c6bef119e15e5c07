namespace EdgeHive.Grains.Runtime.Client;

/// <summary>Options of a <see cref="ClusterClient"/>.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>Gateway endpoints ("host:port"); the client uses the first that answers and fails over to the others.</summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>Cluster id; must match the silos'. Default "edgehive".</summary>
    public string ClusterId { get; set; } = "edgehive";

    /// <summary>Unique id of this client (observers are addressed through it). Default: a new GUID.</summary>
    public string ClientId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Deadline of each call. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest frame. Default 4 MiB.</summary>
    public int MaxFrameSize { get; set; } = 4 * 1024 * 1024;
}
