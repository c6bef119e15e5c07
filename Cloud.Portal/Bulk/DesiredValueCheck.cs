using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// The rules of a model property (<see cref="PropertyValueRules"/>), applied to an imported desired value before
/// anything is written, so a bad value is reported with its row. The device grain checks again on write.
/// </summary>
internal static class DesiredValueCheck
{
    /// <summary>Null when <paramref name="value"/> fits <paramref name="property"/>, otherwise why not.</summary>
    public static string? Check(DeviceModelProperty property, string value)
    {
        if (!PropertyValueRules.AcceptsDesired(property))
        {
            return "the property is read-only";
        }

        var problem = PropertyValueRules.Check(property, value);
        return problem switch
        {
            // Shorter words than the device grain's: an import report lists many problems, one row each.
            PropertyValueProblem.NotFloat or PropertyValueProblem.NotDouble => $"'{value}' is not a number",
            PropertyValueProblem.NotBoolean => $"'{value}' is not a boolean (true or false)",
            PropertyValueProblem.NotBase64 => "the value is not base64",

            // A type this portal does not know is left to the device grain, which refuses it on write.
            PropertyValueProblem.UnknownType => null,
            _ => PropertyValueRules.Describe(problem, property, value),
        };
    }
}
