using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Collects one row's values from either format and checks what can be checked without the cluster: names are
/// DNS-1123, labels are <c>key=value</c>, the protocol config is a JSON object, desired values are scalars. The first
/// problem of each column is kept, so one row can report several columns at once.
/// </summary>
internal sealed class DeviceRowBuilder(int line)
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, string?> _desired = new(StringComparer.Ordinal);

    public string? Namespace { get; set; }

    public string? Name { get; set; }

    public string? Model { get; set; }

    public string? Node { get; set; }

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public string? ProtocolName { get; set; }

    public string? ProtocolConfig { get; set; }

    public void Problem(string message) => _problems.Add(message);

    /// <summary>Parses <c>a=1;b=2</c> (or comma-separated, as the portal shows labels).</summary>
    public void LabelsFromText(string text)
    {
        foreach (var pair in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Problem($"labels: '{pair}' is not key=value");
                return;
            }

            Labels[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
    }

    /// <summary>Keeps the protocol config as compact JSON text; it must be a JSON object.</summary>
    public void ProtocolConfigFrom(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"protocolConfig: must be a JSON object, not {Kind(element)}");
            return;
        }

        ProtocolConfig = JsonSerializer.Serialize(element);
    }

    public void ProtocolConfigFromText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            ProtocolConfigFrom(document.RootElement);
        }
        catch (JsonException ex)
        {
            Problem($"protocolConfig: not valid JSON ({FirstSentence(ex.Message)})");
        }
    }

    /// <summary>Desired values from a JSON object: strings as they are, numbers as written, booleans as
    /// <c>true</c>/<c>false</c>, null to remove the value.</summary>
    public void DesiredFrom(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem($"desired: must be a JSON object, not {Kind(element)}");
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    _desired[property.Name] = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    _desired[property.Name] = property.Value.GetRawText();
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    _desired[property.Name] = property.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                case JsonValueKind.Null:
                    _desired[property.Name] = null;
                    break;
                default:
                    Problem($"desired.{property.Name}: must be a string, number, boolean or null, not {Kind(property.Value)}");
                    break;
            }
        }
    }

    public void DesiredFromText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            DesiredFrom(document.RootElement);
        }
        catch (JsonException ex)
        {
            Problem($"desired: not valid JSON ({FirstSentence(ex.Message)})");
        }
    }

    public void Desired(string property, string value) => _desired[property] = value;

    /// <summary>The row, or the error naming every problem found.</summary>
    public (DeviceImportRecord? Record, ImportRowError? Error) Build()
    {
        var ns = string.IsNullOrWhiteSpace(Namespace) ? "default" : Namespace.Trim();
        var name = Name?.Trim() ?? string.Empty;
        var model = Model?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            Problem("name: required");
        }
        else
        {
            Check("name", name, ResourceNames.CheckSubdomain(name));
        }

        Check("namespace", ns, ResourceNames.CheckLabel(ns));
        if (model.Length == 0)
        {
            Problem("model: required");
        }
        else
        {
            Check("model", model, ResourceNames.CheckSubdomain(model));
        }

        var node = string.IsNullOrWhiteSpace(Node) ? null : Node.Trim();
        if (node is not null)
        {
            Check("node", node, ResourceNames.CheckSubdomain(node));
        }

        if (Labels.Count > ResourceNames.MaxLabels)
        {
            Problem($"labels: at most {ResourceNames.MaxLabels} labels are allowed");
        }

        foreach (var (labelKey, labelValue) in Labels)
        {
            if ((ResourceNames.CheckLabelKey(labelKey) ?? ResourceNames.CheckLabelValue(labelValue)) is { } labelError)
            {
                Problem($"labels.{labelKey}: {labelError}");
            }
        }

        if (ProtocolConfig is not null && string.IsNullOrWhiteSpace(ProtocolName))
        {
            Problem("protocol: a protocolConfig needs a protocol name");
        }

        var key = name.Length == 0 ? null : ns + "/" + name;
        if (_problems.Count > 0)
        {
            return (null, new ImportRowError(line, key, string.Join("; ", _problems)));
        }

        var protocol = string.IsNullOrWhiteSpace(ProtocolName) ? null : new ProtocolConfig(ProtocolName.Trim(), ProtocolConfig);
        return (new DeviceImportRecord(line, ns, name, model, node, Labels, protocol, _desired), null);
    }

    private void Check(string column, string value, string? error)
    {
        if (error is not null)
        {
            Problem($"{column}: '{value}' {error}");
        }
    }

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
