using System.Text;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>
/// Turns an import file (bytes) into device rows, checking each row on its own: a bad row becomes an error with its
/// line number and the others still parse. Pure: no cluster lookups (those are <see cref="DeviceImportPlanner"/>'s).
/// </summary>
internal static class DeviceFileParser
{
    /// <summary>Chooses the format from the file name, or from the first character when the name does not tell.</summary>
    public static DeviceFileFormat Detect(string? fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return DeviceFileFormat.Json;
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return DeviceFileFormat.Csv;
        }

        var text = content.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'[' ? DeviceFileFormat.Json : DeviceFileFormat.Csv;
    }

    /// <summary>Parses <paramref name="content"/>; at most <paramref name="maxRows"/> rows are accepted.</summary>
    public static DeviceFileParseResult Parse(ReadOnlySpan<byte> content, DeviceFileFormat format, int maxRows = DeviceImportLimits.MaxRows)
    {
        if (format == DeviceFileFormat.Json)
        {
            return DeviceJsonParser.Parse(content, maxRows);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return DeviceFileParseResult.Refused("The file is not UTF-8 text (save the CSV as UTF-8).");
        }

        return DeviceCsvParser.Parse(text, maxRows);
    }

    /// <summary>The message for a file over the row limit.</summary>
    public static string TooManyRows(int maxRows) =>
        $"The file has more than {maxRows} rows; split it into several files.";
}
