using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>Maps protocol records to the DeviceTwin's KubeEdge-shaped messages. Pure.</summary>
public static class CloudTwinConvert
{
    /// <summary>
    /// A desired twin from the cloud as KubeEdge's cloud twin update: per property the expected value with its
    /// timestamp and the (cloud, edge) version pair the twin rules check for staleness.
    /// </summary>
    public static Dictionary<string, MsgTwin?> ToCloudTwin(TwinDesiredUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var twin = new Dictionary<string, MsgTwin?>(StringComparer.Ordinal);
        foreach (var (name, property) in update.Properties)
        {
            twin[name] = new MsgTwin
            {
                Expected = new TwinValue { Value = property.Value, Metadata = new ValueMetadata { Timestamp = property.Timestamp } },
                ExpectedVersion = new MsgTwinVersion { Cloud = property.CloudVersion, Edge = property.EdgeVersion },
            };
        }

        return twin;
    }

    /// <summary>A device as the DeviceTwin's membership/device message (id <c>{namespace}/{name}</c>).</summary>
    public static MsgDevice ToMsgDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new MsgDevice { Id = device.Namespace + "/" + device.Name, Name = device.Name, Description = device.Description };
    }
}
