namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// Reminder ETags are random rather than a per-row counter: a reminder that is removed and created again must not get
/// an ETag that a holder of the old row could still use to delete the new one.
/// </summary>
internal static class ReminderETag
{
    public static string New() => Guid.NewGuid().ToString("N");
}
