using System.Globalization;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>Checks a twin value (always a string, as in KubeEdge) against a model property's type and range.</summary>
internal static class PropertyValues
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Returns null when <paramref name="value"/> is a valid value of <paramref name="property"/>, otherwise
    /// why not.</summary>
    public static string? Check(DeviceModelProperty property, string value)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(value);
        switch (property.Type)
        {
            case PropertyType.Int:
                return long.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out var integer)
                    ? CheckRange(property, integer, value)
                    : $"'{value}' is not an integer";
            case PropertyType.Float:
                // float.TryParse turns overflow into infinity and accepts "NaN"; neither is a usable float value.
                return float.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single)
                    ? CheckRange(property, single, value)
                    : $"'{value}' is not a finite float";
            case PropertyType.Double:
                return double.TryParse(value, FloatStyle, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? CheckRange(property, number, value)
                    : $"'{value}' is not a finite double";
            case PropertyType.Boolean:
                // KubeEdge accepts exactly these two spellings.
                return value is "true" or "false" ? null : $"'{value}' is not a boolean (expected \"true\" or \"false\")";
            case PropertyType.Bytes:
                return IsBase64(value) ? null : "value is not valid base64";
            case PropertyType.String:
                return null;
            default:
                return $"the model declares an unknown type '{property.Type}'";
        }
    }

    /// <summary>True for the numeric types, the only ones with a minimum and maximum.</summary>
    public static bool IsNumeric(PropertyType type) => type is PropertyType.Int or PropertyType.Float or PropertyType.Double;

    private static string? CheckRange(DeviceModelProperty property, double number, string value)
    {
        if (property.Minimum is { } minimum && number < minimum)
        {
            return $"{value} is below the minimum {minimum.ToString(CultureInfo.InvariantCulture)}";
        }

        if (property.Maximum is { } maximum && number > maximum)
        {
            return $"{value} is above the maximum {maximum.ToString(CultureInfo.InvariantCulture)}";
        }

        return null;
    }

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
