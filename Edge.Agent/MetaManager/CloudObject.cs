using System.Globalization;
using System.Text.Json;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>
/// Where a versioned cloud message lives in the <c>meta</c> table. Device, membership and device-deletion messages
/// share the device's row (they share its resource key and version sequence in the protocol); a desired twin has its
/// own row. Pure: no I/O.
/// </summary>
/// <param name="Kind">Meta kind: <see cref="DeviceKind"/>, <see cref="DeviceModelKind"/> or <see cref="TwinKind"/>.</param>
/// <param name="Key"><c>{namespace}/{name}</c>.</param>
/// <param name="Deleted">True when the message removes the object from this node.</param>
/// <param name="Content">JSON to store (the object's whole state; <c>{}</c> for a removal).</param>
public sealed record CloudObject(string Kind, string Key, bool Deleted, string Content)
{
    /// <summary>Meta kind of devices bound to the node.</summary>
    public const string DeviceKind = "device";

    /// <summary>Meta kind of device models.</summary>
    public const string DeviceModelKind = "devicemodel";

    /// <summary>Meta kind of desired twins.</summary>
    public const string TwinKind = "twin";

    /// <summary>Meta kind of workloads assigned to the node.</summary>
    public const string WorkloadKind = "workload";

    /// <summary>The meta row for <paramref name="message"/>, or null when the message carries no cloud object.</summary>
    public static CloudObject? From(EdgeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = EdgeProtocolJsonContext.Default;
        return message.Content switch
        {
            DeviceUpsert u => new(DeviceKind, KeyOf(u.Device.Namespace, u.Device.Name), false, JsonSerializer.Serialize(u.Device, json.Device)),
            MembershipAdd a => new(DeviceKind, KeyOf(a.Device.Namespace, a.Device.Name), false, JsonSerializer.Serialize(a.Device, json.Device)),
            DeviceDelete d => new(DeviceKind, KeyOf(d.Namespace, d.Name), true, "{}"),
            MembershipRemove r => new(DeviceKind, KeyOf(r.Namespace, r.Name), true, "{}"),
            DeviceModelUpsert m => new(DeviceModelKind, KeyOf(m.Model.Namespace, m.Model.Name), false, JsonSerializer.Serialize(m.Model, json.DeviceModel)),
            DeviceModelDelete m => new(DeviceModelKind, KeyOf(m.Namespace, m.Name), true, "{}"),
            TwinDesiredUpdate t => new(TwinKind, KeyOf(t.Namespace, t.Name), false, JsonSerializer.Serialize(t, json.TwinDesiredUpdate)),
            WorkloadUpsert w => new(WorkloadKind, KeyOf(w.Workload.Namespace, w.Workload.Name), false, JsonSerializer.Serialize(w.Workload, json.Workload)),
            WorkloadDelete w => new(WorkloadKind, KeyOf(w.Namespace, w.Name), true, "{}"),
            _ => null,
        };
    }

    /// <summary>The meta row to write at <paramref name="version"/>.</summary>
    public MetaObject ToMeta(long version) => new(Kind, Key, version.ToString(CultureInfo.InvariantCulture), Content);

    /// <summary>
    /// The spec Edged runs for a stored workload row (its version is the generation); null when the row is a removal's
    /// tombstone or cannot be read.
    /// </summary>
    public static WorkloadSpec? ToWorkloadSpec(MetaObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Kind != WorkloadKind || stored.Content == "{}"
            || !long.TryParse(stored.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(stored.Content, EdgeProtocolJsonContext.Default.Workload) is { } workload
                ? WorkloadConvert.ToSpec(workload, version).Spec
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string KeyOf(string @namespace, string name) => @namespace + "/" + name;
}
