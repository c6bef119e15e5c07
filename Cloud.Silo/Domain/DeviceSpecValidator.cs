using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>Validates the parts of a device spec that do not depend on its model: model and node names, protocol,
/// labels. Desired values are checked against the model by <see cref="TwinValidator"/>.</summary>
internal static class DeviceSpecValidator
{
    /// <summary>Longest protocol name.</summary>
    public const int MaxProtocolNameLength = 63;

    /// <summary>Most labels on one resource.</summary>
    public const int MaxLabels = ResourceNames.MaxLabels;

    /// <summary>Returns every broken rule; empty when the spec is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(DeviceSpec spec, TwinLimits limits)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<ValidationError>();
        AddIf(errors, "spec.model", ResourceNames.CheckSubdomain(spec.Model));
        if (spec.NodeName is not null)
        {
            AddIf(errors, "spec.nodeName", ResourceNames.CheckSubdomain(spec.NodeName));
        }

        if (spec.Protocol is { } protocol)
        {
            if (string.IsNullOrWhiteSpace(protocol.Name) || protocol.Name.Length > MaxProtocolNameLength)
            {
                errors.Add(new("spec.protocol.name", $"must be 1-{MaxProtocolNameLength} characters"));
            }

            if (protocol.Config is { } config && System.Text.Encoding.UTF8.GetByteCount(config) > limits.MaxDocumentBytes)
            {
                errors.Add(new("spec.protocol.config", $"must be at most {limits.MaxDocumentBytes} bytes of JSON"));
            }
        }

        errors.AddRange(ValidateLabels(spec.Labels, "spec.labels"));
        return errors;
    }

    /// <summary>Validates labels (Kubernetes label syntax, at most <see cref="MaxLabels"/>); errors are named
    /// <c>{path}.{key}</c>.</summary>
    public static IReadOnlyList<ValidationError> ValidateLabels(IReadOnlyDictionary<string, string> labels, string path)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var errors = new List<ValidationError>();
        if (labels.Count > MaxLabels)
        {
            errors.Add(new(path, $"at most {MaxLabels} labels are allowed"));
        }

        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            AddIf(errors, path + "." + key, ResourceNames.CheckLabelKey(key) ?? ResourceNames.CheckLabelValue(value));
        }

        return errors;
    }

    private static void AddIf(List<ValidationError> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors.Add(new(field, message));
        }
    }
}
