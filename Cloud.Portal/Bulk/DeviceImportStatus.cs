namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>A consistent view of an import job at one moment.</summary>
/// <param name="Phase">Where the job is.</param>
/// <param name="Done">Rows with an outcome.</param>
/// <param name="Total">Rows in the file (0 until parsed).</param>
/// <param name="Error">Why the file was refused or the job stopped.</param>
/// <param name="Outcomes">Outcomes so far, in file order.</param>
internal sealed record DeviceImportStatus(DeviceImportPhase Phase, int Done, int Total, string? Error, IReadOnlyList<DeviceImportOutcome> Outcomes)
{
    /// <summary>True once the job will not change any more.</summary>
    public bool IsOver => Phase is DeviceImportPhase.Finished or DeviceImportPhase.Failed;

    /// <summary>How many rows ended with <paramref name="result"/>.</summary>
    public int Count(DeviceImportAction result) => Outcomes.Count(o => o.Result == result);
}
