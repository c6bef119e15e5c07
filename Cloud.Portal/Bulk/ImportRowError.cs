namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>Why one row of an import file was refused.</summary>
/// <param name="Line">1-based line where the row starts.</param>
/// <param name="Key">The device's key when the row names one.</param>
/// <param name="Message">What is wrong, naming the column.</param>
internal sealed record ImportRowError(int Line, string? Key, string Message);
