using System.Globalization;
using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using CloudDevice = EdgeHive.Grains.Cloud.Device;
using CloudDeviceModel = EdgeHive.Grains.Cloud.DeviceModel;
using EdgeDevice = EdgeHive.Edge.Protocol.Device;
using EdgeDeviceModel = EdgeHive.Edge.Protocol.DeviceModel;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Turns a node's downstream messages (the session grain's outbox entries) into protocol messages. Pure: the devices a
/// membership message adds are looked up by the caller. Edge message ids derive from the downstream id, so a resend
/// after a reconnect carries the same ids and the same content.
/// </summary>
internal static class DownstreamTranslator
{
    /// <summary>Device keys a membership message adds, which the caller fetches for <see cref="Translate"/>.</summary>
    public static IReadOnlyList<string> AddedDevices(DownstreamMessage message)
    {
        if (message.Kind != ObjectKind.Membership || message.Content is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(message.Content);
        return Strings(document.RootElement, "added");
    }

    /// <summary>Translates one downstream message; an empty list when it carries nothing the edge needs.</summary>
    /// <exception cref="JsonException">The content is not the JSON its kind requires.</exception>
    public static IReadOnlyList<TranslatedMessage> Translate(
        DownstreamMessage message, string nodeName, IReadOnlyDictionary<string, CloudDevice> addedDevices)
    {
        var factory = new EdgeMessageFactory(EdgeProtocolConstants.CloudSource, TimeProvider.System);
        var built = message.Kind switch
        {
            ObjectKind.Device => DeviceMessages(message, factory),
            ObjectKind.DeviceModel => ModelMessages(message, factory),
            ObjectKind.Membership => MembershipMessages(message, nodeName, addedDevices, factory),
            ObjectKind.Workload => [(WorkloadTranslator.Translate(message, factory), null, null)],
            _ => [],
        };

        var result = new List<TranslatedMessage>(built.Count);
        for (var i = 0; i < built.Count; i++)
        {
            var (edge, deviceKey, versions) = built[i];
            var id = built.Count == 1 ? message.Id : message.Id + "." + i.ToString(CultureInfo.InvariantCulture);
            var stamped = edge with
            {
                Header = edge.Header with { Id = id, Timestamp = message.Timestamp.ToUnixTimeMilliseconds() },
            };
            result.Add(new TranslatedMessage(stamped, new OutboundPart(message.Id, i == built.Count - 1, deviceKey, versions)));
        }

        return result;
    }

    private static List<(EdgeMessage, string?, IReadOnlyDictionary<string, long>?)> DeviceMessages(DownstreamMessage message, EdgeMessageFactory factory)
    {
        var (ns, name) = SplitKey(message.ObjectKey);
        if (message.Operation == "delete" || message.Content is null)
        {
            return [(factory.DeviceDelete(ns, name, message.ResourceVersion), null, null)];
        }

        using var document = JsonDocument.Parse(message.Content);
        var root = document.RootElement;
        var deviceElement = root.TryGetProperty("device", out var inner) ? inner : root;
        var device = deviceElement.Deserialize<CloudDevice>(CloudJson.Options)
            ?? throw new JsonException($"device message {message.Id} has no device");
        var list = new List<(EdgeMessage, string?, IReadOnlyDictionary<string, long>?)>
        {
            (factory.DeviceUpsert(ToEdge(device), message.ResourceVersion), null, null),
        };

        var desired = new Dictionary<string, TwinDesiredProperty>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (property, twin) in device.Status.Twin)
        {
            if (twin.Desired is not { } value)
            {
                continue;
            }

            desired[property] = new TwinDesiredProperty
            {
                Value = value.Value,
                CloudVersion = value.Version,
                EdgeVersion = twin.Reported?.EdgeVersion ?? 0,
                Timestamp = value.Timestamp.ToUnixTimeMilliseconds(),
            };
            versions[property] = value.Version;
        }

        if (desired.Count > 0)
        {
            var update = new TwinDesiredUpdate { Namespace = device.Namespace, Name = device.Name, Properties = desired };
            list.Add((factory.TwinDesired(update, message.ResourceVersion), device.Key, versions));
        }

        return list;
    }

    private static List<(EdgeMessage, string?, IReadOnlyDictionary<string, long>?)> ModelMessages(DownstreamMessage message, EdgeMessageFactory factory)
    {
        var (ns, name) = SplitKey(message.ObjectKey);
        if (message.Operation == "delete" || message.Content is null)
        {
            return [(factory.DeviceModelDelete(ns, name, message.ResourceVersion), null, null)];
        }

        using var document = JsonDocument.Parse(message.Content);
        var root = document.RootElement;
        var element = root.TryGetProperty("model", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        var model = element.Deserialize<CloudDeviceModel>(CloudJson.Options)
            ?? throw new JsonException($"device model message {message.Id} has no model");
        var edgeModel = new EdgeDeviceModel
        {
            Namespace = model.Namespace,
            Name = model.Name,
            Description = model.Spec.Description,
            Properties = model.Spec.Properties.Select(p => new Edge.Protocol.DeviceModelProperty
            {
                Name = p.Name,
                Type = (Edge.Protocol.PropertyType)(int)p.Type,
                AccessMode = p.AccessMode == AccessMode.ReadOnly ? PropertyAccessMode.ReadOnly : PropertyAccessMode.ReadWrite,
                Unit = p.Unit,
                Minimum = p.Minimum,
                Maximum = p.Maximum,
                Description = p.Description,
            }).ToArray(),
        };
        return [(factory.DeviceModelUpsert(edgeModel, message.ResourceVersion), null, null)];
    }

    private static List<(EdgeMessage, string?, IReadOnlyDictionary<string, long>?)> MembershipMessages(
        DownstreamMessage message, string nodeName, IReadOnlyDictionary<string, CloudDevice> addedDevices, EdgeMessageFactory factory)
    {
        var list = new List<(EdgeMessage, string?, IReadOnlyDictionary<string, long>?)>();
        if (message.Content is null)
        {
            return list;
        }

        using var document = JsonDocument.Parse(message.Content);
        foreach (var key in Strings(document.RootElement, "removed"))
        {
            var (ns, name) = SplitKey(key);
            list.Add((factory.MembershipRemove(nodeName, ns, name, message.ResourceVersion), null, null));
        }

        foreach (var key in Strings(document.RootElement, "added"))
        {
            // A device deleted or moved on since is left out: its own device message tells the edge.
            if (addedDevices.TryGetValue(key, out var device) && device.Spec.NodeName == nodeName)
            {
                list.Add((factory.MembershipAdd(nodeName, ToEdge(device), message.ResourceVersion), null, null));
            }
        }

        return list;
    }

    /// <summary>The edge's view of a device: its spec, without the cloud's status.</summary>
    internal static EdgeDevice ToEdge(CloudDevice device) => new()
    {
        Namespace = device.Namespace,
        Name = device.Name,
        Model = device.Spec.Model,
        NodeName = device.Spec.NodeName,
        Protocol = device.Spec.Protocol is { } protocol
            ? new DeviceProtocolConfig { Name = protocol.Name, Settings = ProtocolSettings(protocol.Config) }
            : null,
        Labels = device.Spec.Labels,
    };

    /// <summary>Flattens a protocol config object to the string map mappers get (non-string values as their JSON).</summary>
    private static Dictionary<string, string> ProtocolSettings(string? config)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(config))
        {
            return settings;
        }

        using var document = JsonDocument.Parse(config);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return settings;
        }

        foreach (var member in document.RootElement.EnumerateObject())
        {
            settings[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
        }

        return settings;
    }

    private static string[] Strings(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];

    private static (string Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("default", key) : (key[..slash], key[(slash + 1)..]);
    }
}
