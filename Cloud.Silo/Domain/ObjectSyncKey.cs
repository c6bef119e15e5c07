using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The key of an object-sync grain: <c>{node}|{kind}|{objectKey}</c>. '|' cannot occur in node names, kind
/// names or resource keys, so the key splits unambiguously.</summary>
/// <param name="NodeName">The node, a DNS-1123 subdomain.</param>
/// <param name="Kind">The object's kind.</param>
/// <param name="ObjectKey">The object's key: a <see cref="ResourceKey"/> for devices and models, the node name for
/// membership.</param>
internal readonly record struct ObjectSyncKey(string NodeName, ObjectKind Kind, string ObjectKey)
{
    private const char Separator = '|';

    /// <summary>Formats as <c>{node}|{kind}|{objectKey}</c>.</summary>
    public override string ToString() => NodeName + Separator + KindName(Kind) + Separator + ObjectKey;

    /// <summary>The kind's name in keys; the same as its JSON name.</summary>
    public static string KindName(ObjectKind kind) => kind switch
    {
        ObjectKind.Device => "device",
        ObjectKind.DeviceModel => "devicemodel",
        ObjectKind.Membership => "membership",
        ObjectKind.Workload => "workload",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown object kind."),
    };

    /// <summary>Parses a kind name.</summary>
    public static bool TryParseKind(string? name, out ObjectKind kind)
    {
        foreach (var candidate in Enum.GetValues<ObjectKind>())
        {
            if (string.Equals(KindName(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Parses and checks a key: valid node name, known kind, and an object key valid for the kind.</summary>
    public static bool TryParse(string? value, out ObjectSyncKey key, out string? error)
    {
        key = default;
        var parts = (value ?? string.Empty).Split(Separator);
        if (parts.Length != 3)
        {
            error = $"object sync key '{value}' must have the form node|kind|objectKey";
            return false;
        }

        var nodeError = ResourceNames.CheckSubdomain(parts[0]);
        if (nodeError is not null)
        {
            error = "node name " + nodeError;
            return false;
        }

        if (!TryParseKind(parts[1], out var kind))
        {
            error = $"unknown object kind '{parts[1]}'";
            return false;
        }

        if (kind == ObjectKind.Membership)
        {
            var objectError = ResourceNames.CheckSubdomain(parts[2]);
            if (objectError is not null)
            {
                error = "object key " + objectError;
                return false;
            }
        }
        else if (!ResourceKey.TryParse(parts[2], out _, out error))
        {
            error = "object key: " + error;
            return false;
        }

        error = null;
        key = new ObjectSyncKey(parts[0], kind, parts[2]);
        return true;
    }
}
