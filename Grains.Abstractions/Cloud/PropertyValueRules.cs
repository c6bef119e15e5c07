using System.Globalization;

namespace EdgeHive.Grains.Cloud;

/// <summary>
/// The rules a twin value (always a string, as in KubeEdge) must follow for a model property: its access mode, its
/// type and its range. Pure, so the device grain (which enforces them) and the portal's bulk import (which reports a
/// bad row before writing anything) apply the same rules.
/// </summary>
public static class PropertyValueRules
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>False for a read-only property: only the device reports it, and a desired value is refused.</summary>
    /// <param name="property">The model property.</param>
    public static bool AcceptsDesired(DeviceModelProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.AccessMode != AccessMode.ReadOnly;
    }

    /// <summary>True for the numeric types, the only ones with a minimum and maximum.</summary>
    /// <param name="type">The property type.</param>
    public static bool IsNumeric(PropertyType type) => type is PropertyType.Int or PropertyType.Float or PropertyType.Double;

    /// <summary>Checks <paramref name="value"/> against the type and range of <paramref name="property"/> (not its
    /// access mode; see <see cref="AcceptsDesired"/>).</summary>
    /// <param name="property">The model property.</param>
    /// <param name="value">The twin value.</param>
    public static PropertyValueProblem Check(DeviceModelProperty property, string value)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(value);
        return property.Type switch
        {
            PropertyType.Int => long.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out var integer)
                ? CheckRange(property, integer)
                : PropertyValueProblem.NotInteger,

            // float.TryParse turns overflow into infinity and accepts "NaN"; neither is a usable float value.
            PropertyType.Float => float.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single)
                ? CheckRange(property, single)
                : PropertyValueProblem.NotFloat,
            PropertyType.Double => double.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? CheckRange(property, number)
                : PropertyValueProblem.NotDouble,

            // KubeEdge accepts exactly these two spellings.
            PropertyType.Boolean => value is "true" or "false" ? PropertyValueProblem.None : PropertyValueProblem.NotBoolean,
            PropertyType.Bytes => IsBase64(value) ? PropertyValueProblem.None : PropertyValueProblem.NotBase64,
            PropertyType.String => PropertyValueProblem.None,
            _ => PropertyValueProblem.UnknownType,
        };
    }

    /// <summary>Null when <paramref name="value"/> fits the type and range of <paramref name="property"/>, otherwise
    /// why not, in the device grain's words.</summary>
    /// <param name="property">The model property.</param>
    /// <param name="value">The twin value.</param>
    public static string? Explain(DeviceModelProperty property, string value) => Describe(Check(property, value), property, value);

    /// <summary>The device grain's words for <paramref name="problem"/>, or null for <see cref="PropertyValueProblem.None"/>.</summary>
    /// <param name="problem">What <see cref="Check"/> found.</param>
    /// <param name="property">The model property checked.</param>
    /// <param name="value">The twin value checked.</param>
    public static string? Describe(PropertyValueProblem problem, DeviceModelProperty property, string value)
    {
        ArgumentNullException.ThrowIfNull(property);
        return problem switch
        {
            PropertyValueProblem.None => null,
            PropertyValueProblem.NotInteger => $"'{value}' is not an integer",
            PropertyValueProblem.NotFloat => $"'{value}' is not a finite float",
            PropertyValueProblem.NotDouble => $"'{value}' is not a finite double",
            PropertyValueProblem.NotBoolean => $"'{value}' is not a boolean (expected \"true\" or \"false\")",
            PropertyValueProblem.NotBase64 => "value is not valid base64",
            PropertyValueProblem.BelowMinimum => $"{value} is below the minimum {Invariant(property.Minimum)}",
            PropertyValueProblem.AboveMaximum => $"{value} is above the maximum {Invariant(property.Maximum)}",
            PropertyValueProblem.UnknownType => $"the model declares an unknown type '{property.Type}'",
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Not a property value problem."),
        };
    }

    private static PropertyValueProblem CheckRange(DeviceModelProperty property, double number) =>
        property.Minimum is { } minimum && number < minimum ? PropertyValueProblem.BelowMinimum
        : property.Maximum is { } maximum && number > maximum ? PropertyValueProblem.AboveMaximum
        : PropertyValueProblem.None;

    private static string? Invariant(double? bound) => bound?.ToString(CultureInfo.InvariantCulture);

    private static bool IsBase64(string value)
    {
        // Convert skips whitespace inside base64; a twin value with spaces or line breaks is not canonical, so refuse it.
        if (value.Length % 4 != 0 || value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            return false;
        }

        Span<byte> buffer = value.Length <= 1024 ? stackalloc byte[value.Length] : new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
