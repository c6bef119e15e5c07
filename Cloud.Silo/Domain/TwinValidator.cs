using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// Validates desired values against a device model: known property, KubeEdge's property-name rule, writable access
/// mode, type, range, value length and the size of the whole desired document. Only changed values are checked, so
/// a value that a later model change made invalid does not block unrelated edits; it is reported when it changes.
/// </summary>
internal static class TwinValidator
{
    /// <summary>Field name used for errors about the desired document as a whole.</summary>
    public const string DocumentField = "spec.desired";

    // Measure what is stored, not what a cautious encoder would write: non-ASCII text counts as UTF-8, not \uXXXX.
    private static readonly JsonSerializerOptions SizeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Validates <paramref name="changes"/> (property → new value, null to remove) applied to
    /// <paramref name="current"/>, against <paramref name="properties"/> of the device's model.</summary>
    public static DesiredValidation Validate(
        IReadOnlyList<DeviceModelProperty> properties,
        IReadOnlyDictionary<string, string> current,
        IReadOnlyDictionary<string, string?> changes,
        TwinLimits limits)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(limits);
        var byName = new Dictionary<string, DeviceModelProperty>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            byName.TryAdd(property.Name, property);
        }

        var errors = new List<ValidationError>();
        var desired = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (name, value) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var error = CheckChange(byName, current, name, value, limits);
            if (error is not null)
            {
                errors.Add(new ValidationError(name, error));
            }
            else if (value is null)
            {
                desired.Remove(name);
            }
            else
            {
                desired[name] = value;
            }
        }

        if (errors.Count == 0)
        {
            var size = DocumentSize(desired);
            if (size > limits.MaxDocumentBytes)
            {
                errors.Add(new ValidationError(
                    DocumentField,
                    $"the desired twin document would be {size} bytes; the limit is {limits.MaxDocumentBytes} bytes"));
            }
        }

        return new DesiredValidation(errors, desired);
    }

    /// <summary>The changes that turn <paramref name="current"/> into <paramref name="next"/>: new or changed values,
    /// and null for removed ones. Unchanged values are left out.</summary>
    public static IReadOnlyDictionary<string, string?> Diff(
        IReadOnlyDictionary<string, string> current,
        IReadOnlyDictionary<string, string> next)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in next)
        {
            if (!current.TryGetValue(name, out var old) || !string.Equals(old, value, StringComparison.Ordinal))
            {
                changes[name] = value;
            }
        }

        foreach (var name in current.Keys)
        {
            if (!next.ContainsKey(name))
            {
                changes[name] = null;
            }
        }

        return changes;
    }

    /// <summary>Size in UTF-8 bytes of the JSON object <c>{"name":"value",...}</c>, the measure of the twin limit.</summary>
    public static int DocumentSize(IReadOnlyDictionary<string, string> values) =>
        Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(values, SizeOptions));

    private static string? CheckChange(
        Dictionary<string, DeviceModelProperty> byName,
        IReadOnlyDictionary<string, string> current,
        string name,
        string? value,
        TwinLimits limits)
    {
        var nameError = ResourceNames.CheckPropertyName(name);
        if (nameError is not null)
        {
            return "property name " + nameError;
        }

        if (!byName.TryGetValue(name, out var property))
        {
            // Removing a value the model no longer declares must stay possible, or it could never be cleaned up.
            return value is null && current.ContainsKey(name)
                ? null
                : $"unknown property '{name}': the device model does not declare it";
        }

        if (value is null)
        {
            return null;
        }

        if (!PropertyValueRules.AcceptsDesired(property))
        {
            return $"property '{name}' is read-only: only the device reports it";
        }

        if (value.Length > limits.MaxValueLength)
        {
            return $"the value is {value.Length} characters long; the limit is {limits.MaxValueLength}";
        }

        var typeError = PropertyValueRules.Explain(property, value);
        return typeError is null ? null : $"{typeError} (property '{name}' has type {TypeName(property.Type)})";
    }

    private static string TypeName(PropertyType type) => JsonSerializer.Serialize(type).Trim('"');
}
