namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>Options of the reminder service.</summary>
public sealed class ReminderOptions
{
    /// <summary>How often due reminders are looked for (one loop for all reminders of the silo). Default 1 s.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the silo re-reads the reminders of its ring range, picking up ones registered through other
    /// silos. Membership changes trigger a read at once. Default 10 s.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Smallest allowed period. Default 1 s (Orleans uses 1 min; edge heartbeats need finer).</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
