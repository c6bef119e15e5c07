using System.Globalization;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>Validates a device model spec: property names (KubeEdge's rule, unique), known types and access modes,
/// ranges only on numeric types with minimum ≤ maximum, and bounded text lengths.</summary>
internal static class DeviceModelValidator
{
    /// <summary>Longest description of a model or property.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Longest unit string.</summary>
    public const int MaxUnitLength = 64;

    /// <summary>Most properties in one model.</summary>
    public const int MaxProperties = 512;

    /// <summary>Returns every broken rule; empty when the spec is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(DeviceModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<ValidationError>();
        if (spec.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add(new("spec.description", $"must be at most {MaxDescriptionLength} characters"));
        }

        if (spec.Properties.Count > MaxProperties)
        {
            errors.Add(new("spec.properties", $"a model may declare at most {MaxProperties} properties"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Properties.Count; i++)
        {
            var property = spec.Properties[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"spec.properties[{i}]");
            if (property is null)
            {
                errors.Add(new(path, "must not be null"));
                continue;
            }

            CheckProperty(property, path, errors);
            if (property.Name is not null && !seen.Add(property.Name))
            {
                errors.Add(new(path + ".name", $"property '{property.Name}' is declared more than once"));
            }
        }

        return errors;
    }

    private static void CheckProperty(DeviceModelProperty property, string path, List<ValidationError> errors)
    {
        var nameError = ResourceNames.CheckPropertyName(property.Name);
        if (nameError is not null)
        {
            errors.Add(new(path + ".name", nameError));
        }

        if (!Enum.IsDefined(property.Type))
        {
            errors.Add(new(path + ".type", "must be one of int, float, double, string, boolean, bytes"));
        }

        if (!Enum.IsDefined(property.AccessMode))
        {
            errors.Add(new(path + ".accessMode", "must be ReadWrite or ReadOnly"));
        }

        if (property.Unit is { Length: > MaxUnitLength })
        {
            errors.Add(new(path + ".unit", $"must be at most {MaxUnitLength} characters"));
        }

        if (property.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add(new(path + ".description", $"must be at most {MaxDescriptionLength} characters"));
        }

        CheckRange(property, path, errors);
    }

    private static void CheckRange(DeviceModelProperty property, string path, List<ValidationError> errors)
    {
        if (property.Minimum is null && property.Maximum is null)
        {
            return;
        }

        if (!PropertyValueRules.IsNumeric(property.Type))
        {
            var field = property.Minimum is not null ? ".minimum" : ".maximum";
            errors.Add(new(path + field, "minimum and maximum apply only to int, float and double properties"));
            return;
        }

        if (property.Minimum is { } min && !double.IsFinite(min))
        {
            errors.Add(new(path + ".minimum", "must be a finite number"));
        }

        if (property.Maximum is { } max && !double.IsFinite(max))
        {
            errors.Add(new(path + ".maximum", "must be a finite number"));
        }

        if (property.Minimum > property.Maximum)
        {
            errors.Add(new(path + ".minimum", "must not be greater than maximum"));
        }
    }
}
