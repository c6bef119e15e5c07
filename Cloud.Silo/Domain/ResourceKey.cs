using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The key of a namespaced resource (device, device model): <c>{namespace}/{name}</c>, the grain key and the
/// last two REST path segments.</summary>
/// <param name="Namespace">A DNS-1123 label.</param>
/// <param name="Name">A DNS-1123 subdomain.</param>
internal readonly record struct ResourceKey(string Namespace, string Name)
{
    /// <summary>The namespace used when a client names none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Formats as <c>{namespace}/{name}</c>.</summary>
    public override string ToString() => Namespace + "/" + Name;

    /// <summary>Builds a key from its parts, checking both.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="name">The name.</param>
    /// <param name="key">The key when valid.</param>
    /// <param name="error">What is wrong, naming the part, when invalid.</param>
    public static bool TryCreate(string? ns, string? name, out ResourceKey key, out string? error)
    {
        key = default;
        var nsError = ResourceNames.CheckLabel(ns);
        if (nsError is not null)
        {
            error = "namespace " + nsError;
            return false;
        }

        var nameError = ResourceNames.CheckSubdomain(name);
        if (nameError is not null)
        {
            error = "name " + nameError;
            return false;
        }

        key = new ResourceKey(ns!, name!);
        error = null;
        return true;
    }

    /// <summary>Parses <c>{namespace}/{name}</c> and checks both parts.</summary>
    public static bool TryParse(string? value, out ResourceKey key, out string? error)
    {
        key = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "key must not be empty";
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || value.IndexOf('/', slash + 1) >= 0)
        {
            error = $"key '{value}' must have the form namespace/name";
            return false;
        }

        return TryCreate(value[..slash], value[(slash + 1)..], out key, out error);
    }

    /// <summary>Parses <c>{namespace}/{name}</c>.</summary>
    /// <exception cref="FormatException">The key is malformed; the message says why.</exception>
    public static ResourceKey Parse(string value) =>
        TryParse(value, out var key, out var error) ? key : throw new FormatException(error);
}
