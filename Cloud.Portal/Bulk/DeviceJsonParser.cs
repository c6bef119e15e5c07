using System.Text.Json;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// The JSON import format: an array of objects
/// <c>{"namespace","name","model","node","labels":{},"protocol":{"name","config":{}},"desired":{},"state"}</c>
/// (<c>state</c>, written by the export, is ignored). A field of the wrong type is that row's error; a syntax error
/// refuses the file, naming its line.
/// </summary>
internal static class DeviceJsonParser
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static DeviceFileParseResult Parse(ReadOnlySpan<byte> content, int maxRows)
    {
        var body = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        var rows = new List<DeviceImportRecord>();
        var errors = new List<ImportRowError>();
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return DeviceFileParseResult.Refused("The JSON file must be an array of devices: [ { \"name\": …, \"model\": … }, … ].");
            }

            var lineCounter = new LineCounter(body);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = lineCounter.LineAt((int)reader.TokenStartIndex);
                using var document = JsonDocument.ParseValue(ref reader);
                if (rows.Count + errors.Count >= maxRows)
                {
                    return DeviceFileParseResult.Refused(DeviceFileParser.TooManyRows(maxRows));
                }

                var (row, error) = ReadRow(line, document.RootElement).Build();
                if (row is not null)
                {
                    rows.Add(row);
                }
                else
                {
                    errors.Add(error!);
                }
            }
        }
        catch (JsonException ex)
        {
            return DeviceFileParseResult.Refused($"Not valid JSON: line {(ex.LineNumber ?? 0) + 1}: {ex.Message}");
        }

        return new DeviceFileParseResult(rows, errors, null);
    }

    private static DeviceRowBuilder ReadRow(int line, JsonElement element)
    {
        var row = new DeviceRowBuilder(line);
        if (element.ValueKind != JsonValueKind.Object)
        {
            row.Problem($"a device must be a JSON object, not {DeviceRowBuilder.Kind(element)}");
            return row;
        }

        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "namespace":
                    row.Namespace = Text(row, property);
                    break;
                case "name":
                    row.Name = Text(row, property);
                    break;
                case "model":
                    row.Model = Text(row, property);
                    break;
                case "node":
                    row.Node = Text(row, property);
                    break;
                case "labels":
                    Labels(row, value);
                    break;
                case "protocol":
                    Protocol(row, value);
                    break;
                case "desired":
                    row.DesiredFrom(value);
                    break;
                case "state":
                    break;
                default:
                    row.Problem($"{property.Name}: unknown field");
                    break;
            }
        }

        return row;
    }

    private static string? Text(DeviceRowBuilder row, JsonProperty property)
    {
        if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
        {
            return property.Value.GetString();
        }

        row.Problem($"{property.Name}: must be a string, not {DeviceRowBuilder.Kind(property.Value)}");
        return null;
    }

    private static void Labels(DeviceRowBuilder row, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            row.Problem($"labels: must be an object of strings, not {DeviceRowBuilder.Kind(value)}");
            return;
        }

        foreach (var label in value.EnumerateObject())
        {
            if (label.Value.ValueKind != JsonValueKind.String)
            {
                row.Problem($"labels.{label.Name}: must be a string, not {DeviceRowBuilder.Kind(label.Value)}");
                return;
            }

            row.Labels[label.Name] = label.Value.GetString()!;
        }
    }

    private static void Protocol(DeviceRowBuilder row, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            row.Problem($"protocol: must be an object {{\"name\", \"config\"}}, not {DeviceRowBuilder.Kind(value)}");
            return;
        }

        foreach (var field in value.EnumerateObject())
        {
            if (field.Name == "name")
            {
                row.ProtocolName = Text(row, field);
            }
            else if (field.Name == "config")
            {
                row.ProtocolConfigFrom(field.Value);
            }
            else
            {
                row.Problem($"protocol.{field.Name}: unknown field");
            }
        }
    }

    /// <summary>Maps byte offsets to 1-based line numbers, scanning forward only (rows come in order).</summary>
    private ref struct LineCounter(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> _text = text;
        private int _offset;
        private int _line = 1;

        public int LineAt(int offset)
        {
            _line += _text[_offset..offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
