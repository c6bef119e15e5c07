using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Resolves the key a create or replace is about from the path and the body, which must agree.</summary>
internal static class DocumentIdentity
{
    /// <summary>The resource key, or a problem: 422 naming the field when the body contradicts the path or a name
    /// is invalid.</summary>
    public static (ResourceKey Key, ProblemResult? Problem) Resolve(string? pathNamespace, string? pathName, string? bodyNamespace, string? bodyName)
    {
        if (pathNamespace is not null && bodyNamespace is not null && !string.Equals(pathNamespace, bodyNamespace, StringComparison.Ordinal))
        {
            return (default, Problems.Validation("namespace", $"must be '{pathNamespace}' as in the path, or be left out"));
        }

        if (pathName is not null && bodyName is not null && !string.Equals(pathName, bodyName, StringComparison.Ordinal))
        {
            return (default, Problems.Validation("name", $"must be '{pathName}' as in the path, or be left out"));
        }

        var ns = pathNamespace ?? bodyNamespace ?? ResourceKey.DefaultNamespace;
        var name = pathName ?? bodyName;
        if (name is null)
        {
            return (default, Problems.Validation("name", "is required"));
        }

        if (ResourceNames.CheckLabel(ns) is { } nsError)
        {
            return (default, pathNamespace is null ? Problems.Validation("namespace", nsError) : Problems.NotFound($"There is no namespace '{ns}' ({nsError})."));
        }

        if (ResourceNames.CheckSubdomain(name) is { } nameError)
        {
            return (default, pathName is null ? Problems.Validation("name", nameError) : Problems.NotFound($"There is no resource named '{name}' ({nameError})."));
        }

        return (new ResourceKey(ns, name), null);
    }
}
