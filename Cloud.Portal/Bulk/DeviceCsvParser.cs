namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// The CSV import format: a header row naming the columns (any order, case-insensitive) —
/// <c>namespace, name, model, node, labels, protocol, protocolConfig, desired, state</c> and any number of
/// <c>desired.&lt;property&gt;</c> — then one device per row. <c>labels</c> is <c>key=value;key=value</c>,
/// <c>protocolConfig</c> and <c>desired</c> are JSON objects, <c>state</c> (written by the export) is ignored.
/// </summary>
internal static class DeviceCsvParser
{
    private const string DesiredPrefix = "desired.";

    private static readonly string[] Known = ["namespace", "name", "model", "node", "labels", "protocol", "protocolconfig", "desired", "state"];

    public static DeviceFileParseResult Parse(string text, int maxRows)
    {
        if (!Csv.TryRead(text, out var records, out var syntaxError))
        {
            return DeviceFileParseResult.Refused("Not valid CSV: " + syntaxError);
        }

        if (records.Count == 0)
        {
            return DeviceFileParseResult.Refused("The file is empty: expected a header row (namespace,name,model,node,labels,protocol,protocolConfig,desired).");
        }

        if (records.Count - 1 > maxRows)
        {
            return DeviceFileParseResult.Refused(DeviceFileParser.TooManyRows(maxRows));
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var headerError = CheckHeader(header);
        if (headerError is not null)
        {
            return DeviceFileParseResult.Refused($"line {records[0].Line}: {headerError}");
        }

        var rows = new List<DeviceImportRecord>();
        var errors = new List<ImportRowError>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Length)
            {
                errors.Add(new ImportRowError(record.Line, null, $"has {record.Fields.Count} fields, the header has {header.Length}"));
                continue;
            }

            var (row, error) = ReadRow(header, record).Build();
            if (row is not null)
            {
                rows.Add(row);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return new DeviceFileParseResult(rows, errors, null);
    }

    private static string? CheckHeader(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in header)
        {
            var isDesired = column.StartsWith(DesiredPrefix, StringComparison.OrdinalIgnoreCase) && column.Length > DesiredPrefix.Length;
            if (!isDesired && !Known.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                return $"unknown column '{column}' (known: namespace, name, model, node, labels, protocol, protocolConfig, desired, desired.<property>, state)";
            }

            if (!seen.Add(column))
            {
                return $"column '{column}' appears twice";
            }
        }

        return seen.Contains("name") && seen.Contains("model") ? null : "the header needs at least the columns 'name' and 'model'";
    }

    private static DeviceRowBuilder ReadRow(string[] header, CsvRecord record)
    {
        var row = new DeviceRowBuilder(record.Line);
        for (var i = 0; i < header.Length; i++)
        {
            var value = record.Fields[i];
            var column = header[i];
            if (column.StartsWith(DesiredPrefix, StringComparison.OrdinalIgnoreCase))
            {
                // An empty cell leaves the value alone; spreadsheets cannot tell "empty" from "absent".
                if (value.Length > 0)
                {
                    row.Desired(column[DesiredPrefix.Length..], value);
                }

                continue;
            }

            switch (column.ToLowerInvariant())
            {
                case "namespace":
                    row.Namespace = value;
                    break;
                case "name":
                    row.Name = value;
                    break;
                case "model":
                    row.Model = value;
                    break;
                case "node":
                    row.Node = value;
                    break;
                case "labels":
                    row.LabelsFromText(value);
                    break;
                case "protocol":
                    row.ProtocolName = value;
                    break;
                case "protocolconfig" when !string.IsNullOrWhiteSpace(value):
                    row.ProtocolConfigFromText(value);
                    break;
                case "desired" when !string.IsNullOrWhiteSpace(value):
                    row.DesiredFromText(value);
                    break;
                default:
                    break;
            }
        }

        return row;
    }
}
