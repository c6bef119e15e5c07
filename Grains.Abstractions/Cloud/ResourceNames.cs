using System.Text.RegularExpressions;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// Name rules of cloud resources, as Kubernetes and KubeEdge apply them: namespaces are DNS-1123 labels, resource and
/// node names DNS-1123 subdomains, labels follow Kubernetes' label syntax, twin property names KubeEdge's rule.
/// Each check returns null when the value is valid, otherwise a message that says which rule it broke. Pure and shared,
/// so the REST API, the grains and the portal's bulk import apply the same rules.
/// </summary>
public static partial class ResourceNames
{
    /// <summary>Maximum length of a DNS-1123 label (a namespace, a label name).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain (a device, model or node name).</summary>
    public const int MaxSubdomainLength = 253;

    /// <summary>Most labels on one resource.</summary>
    public const int MaxLabels = 64;

    /// <summary>Maximum length of a twin property name (KubeEdge).</summary>
    public const int MaxPropertyNameLength = 128;

    /// <summary>Checks a DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric.</summary>
    public static string? CheckLabel(string? value) =>
        string.IsNullOrEmpty(value) ? "must not be empty"
        : value.Length > MaxLabelLength ? $"must be at most {MaxLabelLength} characters"
        : Dns1123Label().IsMatch(value) ? null
        : "must consist of lower-case letters, digits and '-', and start and end with a letter or digit";

    /// <summary>Checks a DNS-1123 subdomain: DNS-1123 labels joined by '.'.</summary>
    public static string? CheckSubdomain(string? value) =>
        string.IsNullOrEmpty(value) ? "must not be empty"
        : value.Length > MaxSubdomainLength ? $"must be at most {MaxSubdomainLength} characters"
        : Dns1123Subdomain().IsMatch(value) ? null
        : "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit";

    /// <summary>Checks a twin property name against KubeEdge's rule <c>^[a-zA-Z0-9-_.,:/@#]{1,128}$</c>.</summary>
    public static string? CheckPropertyName(string? value) =>
        string.IsNullOrEmpty(value) ? "must not be empty"
        : value.Length > MaxPropertyNameLength ? $"must be at most {MaxPropertyNameLength} characters"
        : PropertyName().IsMatch(value) ? null
        : "may contain only letters, digits and the characters - _ . , : / @ #";

    /// <summary>Checks a Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of at most 63
    /// alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static string? CheckLabelKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "label key must not be empty";
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var prefixError = CheckSubdomain(key[..slash]);
            if (prefixError is not null)
            {
                return "label key prefix " + prefixError;
            }
        }

        var name = slash >= 0 ? key[(slash + 1)..] : key;
        return name.Length is 0 or > MaxLabelLength || !LabelName().IsMatch(name)
            ? "label key name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
            : null;
    }

    /// <summary>Checks a Kubernetes label value: empty, or like a label key's name part.</summary>
    public static string? CheckLabelValue(string? value) =>
        value is null ? "label value must not be null"
        : value.Length == 0 ? null
        : value.Length <= MaxLabelLength && LabelName().IsMatch(value) ? null
        : "label value must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-zA-Z0-9\\-_.,:/@#]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
