using CloudNodeInfo = EdgeHive.Grains.Cloud.NodeInfo;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>What <see cref="UpstreamHandler"/> needs to know about the connection a message came on.</summary>
internal sealed class UpstreamSession(string nodeName)
{
    /// <summary>The authenticated node; every message acts as this node.</summary>
    public string NodeName { get; } = nodeName;

    /// <summary>The connection's session epoch (0 until attached).</summary>
    public long Epoch { get; set; }

    /// <summary>Machine facts last registered on this connection, or null.</summary>
    public CloudNodeInfo? RegisteredInfo { get; set; }
}
