namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>What <see cref="DeviceFileParser"/> made of a file.</summary>
/// <param name="Records">The rows that parsed, in file order.</param>
/// <param name="Errors">The rows that did not, with their line.</param>
/// <param name="FileError">Why the file as a whole was refused (syntax, header, too many rows), or null.</param>
internal sealed record DeviceFileParseResult(IReadOnlyList<DeviceImportRecord> Records, IReadOnlyList<ImportRowError> Errors, string? FileError)
{
    /// <summary>How many rows the file has.</summary>
    public int RowCount => Records.Count + Errors.Count;

    /// <summary>A file refused as a whole.</summary>
    public static DeviceFileParseResult Refused(string error) => new([], [], error);
}
