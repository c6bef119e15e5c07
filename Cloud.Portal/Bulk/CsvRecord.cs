namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>One CSV record: its fields and the 1-based line it starts on (a quoted field may span lines).</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="Fields">The unquoted field values.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
