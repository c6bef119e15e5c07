using System.Globalization;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.DeviceTwin;

/// <summary>Conversions between stored rows and KubeEdge's wire shapes.</summary>
internal static class TwinConvert
{
    /// <summary>
    /// A property as KubeEdge writes it. Versions are included only for the cloud and for <c>cloud_updated</c>;
    /// KubeEdge strips them from everything else sent to MQTT clients.
    /// </summary>
    public static MsgTwin ToMessage(TwinProperty p, bool withVersions) => new()
    {
        Expected = p.Expected is null ? null : new TwinValue { Value = p.Expected, Metadata = Timestamp(p.ExpectedTimestamp) },
        Actual = p.Actual is null ? null : new TwinValue { Value = p.Actual, Metadata = Timestamp(p.ActualTimestamp) },
        Optional = p.Optional,
        Metadata = p.Deleted ? new TypeMetadata { Type = TwinRules.DeletedType } : p.Type is null ? null : new TypeMetadata { Type = p.Type },
        ExpectedVersion = withVersions ? new MsgTwinVersion { Cloud = p.ExpectedVersion.Cloud, Edge = p.ExpectedVersion.Edge } : null,
        ActualVersion = withVersions ? new MsgTwinVersion { Cloud = p.ActualVersion.Cloud, Edge = p.ActualVersion.Edge } : null,
    };

    /// <summary>The reduced shape used in <c>delta</c>: values and type only.</summary>
    public static MsgTwin ToDeltaMessage(TwinProperty p) => new()
    {
        Expected = p.Expected is null ? null : new TwinValue { Value = p.Expected },
        Actual = p.Actual is null ? null : new TwinValue { Value = p.Actual },
        Metadata = p.Type is null ? null : new TypeMetadata { Type = p.Type },
    };

    /// <summary>Live properties of a twin, by name, without versions.</summary>
    public static Dictionary<string, MsgTwin?> ToLiveTwin(IEnumerable<TwinProperty> properties, bool withVersions)
    {
        var twin = new Dictionary<string, MsgTwin?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            if (!p.Deleted)
            {
                twin[p.Name] = ToMessage(p, withVersions);
            }
        }

        return twin;
    }

    public static DeviceAttribute ToAttribute(string name, MsgAttr? a) =>
        new(name, null, a?.Value, a?.Optional ?? true, a?.Metadata?.Type, null);

    public static MsgAttr ToMessage(DeviceAttribute a) => new()
    {
        Value = a.Value,
        Optional = a.Optional,
        Metadata = a.Type is null ? null : new TypeMetadata { Type = a.Type },
    };

    /// <summary>RFC 3339 UTC with second precision, as KubeEdge formats <c>lastOnlineTime</c>.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static ValueMetadata? Timestamp(long? timestamp) => timestamp is { } t ? new ValueMetadata { Timestamp = t } : null;
}
