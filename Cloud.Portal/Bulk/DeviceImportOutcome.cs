namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>What the import did with one row.</summary>
/// <param name="Line">The row's line in the file.</param>
/// <param name="Key">The device's key, when the row names one.</param>
/// <param name="Result">Created, updated, deleted, unchanged or failed (<see cref="DeviceImportAction.Fail"/>).</param>
/// <param name="Reason">Why it failed.</param>
internal sealed record DeviceImportOutcome(int Line, string? Key, DeviceImportAction Result, string? Reason)
{
    /// <summary>The result as the result page shows it.</summary>
    public string Word => Result switch
    {
        DeviceImportAction.Create => "created",
        DeviceImportAction.Update => "updated",
        DeviceImportAction.Unchanged => "unchanged",
        DeviceImportAction.Delete => "deleted",
        _ => "failed",
    };
}
