using System.Text.Json;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// The body of <c>PUT …/twin/desired</c>: a JSON object of property name → value. Values travel as strings (as in
/// KubeEdge); a JSON number or boolean is taken as its text, <c>null</c> removes the desired value, and an object or
/// array is a 422 naming the property.
/// </summary>
internal static class DesiredValuesBody
{
    public static (IReadOnlyDictionary<string, string?>? Values, ProblemResult? Problem) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Problems.Validation("$", "The body must be a JSON object of property name to value."));
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            string? value;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    value = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    value = property.Value.GetRawText();
                    break;
                case JsonValueKind.True:
                    value = "true";
                    break;
                case JsonValueKind.False:
                    value = "false";
                    break;
                case JsonValueKind.Null:
                    value = null;
                    break;
                default:
                    return (null, Problems.Validation(property.Name, "must be a string, number, boolean or null"));
            }

            if (!values.TryAdd(property.Name, value))
            {
                return (null, Problems.Validation(property.Name, "is given more than once"));
            }
        }

        return values.Count == 0
            ? (null, Problems.Validation("$", "Name at least one property."))
            : (values, null);
    }
}
