using System.Globalization;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// The type and range rules of a model property, applied to an imported desired value before anything is written,
/// so a bad value is reported with its row. The device grain checks again on write; these rules mirror its rules.
/// </summary>
internal static class DesiredValueCheck
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Null when <paramref name="value"/> fits <paramref name="property"/>, otherwise why not.</summary>
    public static string? Check(DeviceModelProperty property, string value)
    {
        if (property.AccessMode == AccessMode.ReadOnly)
        {
            return "the property is read-only";
        }

        return property.Type switch
        {
            PropertyType.Int => long.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out var integer)
                ? Range(property, integer, value)
                : $"'{value}' is not an integer",
            PropertyType.Float => float.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single)
                ? Range(property, single, value)
                : $"'{value}' is not a number",
            PropertyType.Double => double.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? Range(property, number, value)
                : $"'{value}' is not a number",
            PropertyType.Boolean => value is "true" or "false" ? null : $"'{value}' is not a boolean (true or false)",
            PropertyType.Bytes => IsBase64(value) ? null : "the value is not base64",
            _ => null,
        };
    }

    private static string? Range(DeviceModelProperty property, double number, string value) =>
        property.Minimum is { } min && number < min ? $"{value} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}"
        : property.Maximum is { } max && number > max ? $"{value} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}"
        : null;

    private static bool IsBase64(string value) =>
        value.Length % 4 == 0 && value.AsSpan().IndexOfAny(" \t\r\n") < 0 && Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
