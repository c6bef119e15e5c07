using System.Text;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field containing a comma, quote or line break is
/// enclosed in double quotes, and a quote inside it is doubled. Pure text in, text out: no streams, no I/O.
/// </summary>
internal static class Csv
{
    /// <summary>
    /// Reads every record of <paramref name="text"/>. Blank lines are skipped (spreadsheets leave them at the end).
    /// Returns false with the offending line in <paramref name="error"/> when a quote is not closed or text follows a
    /// closing quote.
    /// </summary>
    public static bool TryRead(string text, out List<CsvRecord> records, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<CsvRecord>();
        records = found;
        error = null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                // A quoted field: runs to the next quote not doubled.
                var startLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        error = $"line {startLine}: a quoted field is not closed";
                        return false;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                fieldStarted = true;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    error = $"line {line}: text after a closing quote (a quote inside a field must be doubled)";
                    return false;
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
                // The next field starts fresh: a quote right after the comma opens a quoted field.
                fieldStarted = false;
                continue;
            }

            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                EndRecord();
                line++;
                recordLine = line;
                continue;
            }

            if (c == '"')
            {
                error = $"line {line}: a quote inside an unquoted field (enclose the field in quotes and double the quote)";
                return false;
            }

            field.Append(c);
            fieldStarted = true;
            i++;
        }

        EndRecord();
        return true;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                found.Add(new CsvRecord(recordLine, fields.ToArray()));
            }

            fields.Clear();
        }
    }

    /// <summary>Appends <paramref name="value"/> as one field, quoted only when it has to be.</summary>
    public static void AppendField(StringBuilder builder, string? value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>Formats one record, ending in CRLF as RFC 4180 asks.</summary>
    public static string FormatRecord(IEnumerable<string?> values)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                builder.Append(',');
            }

            AppendField(builder, value);
            first = false;
        }

        return builder.Append("\r\n").ToString();
    }
}
