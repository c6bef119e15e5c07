using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>The plan for one row.</summary>
/// <param name="Line">The row's line in the file (for a bulk edit, the device's number in the filter's order).</param>
/// <param name="Key">The device's key, when the row names one.</param>
/// <param name="Action">What to do.</param>
/// <param name="Spec">The spec to write for <see cref="DeviceImportAction.Create"/> and <see cref="DeviceImportAction.Update"/>.</param>
/// <param name="IfMatch">For an update or a delete, the ETag the plan was made against: a change made meanwhile fails the row
/// instead of being overwritten.</param>
/// <param name="Reason">Why the row fails.</param>
internal sealed record DeviceImportStep(int Line, string? Key, DeviceImportAction Action, DeviceSpec? Spec, string? IfMatch, string? Reason)
{
    public static DeviceImportStep Failed(ImportRowError error) => new(error.Line, error.Key, DeviceImportAction.Fail, null, null, error.Message);
}
