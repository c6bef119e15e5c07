namespace EdgeHive.Grains;

/// <summary>Implemented by grains that register durable reminders. Reminders survive restarts and silo failures.</summary>
public interface IRemindable : IGrainWithStringKey
{
    /// <summary>Called by the reminder service when a reminder is due.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it was delivered.</summary>
/// <param name="FirstTickTime">When the reminder first fires.</param>
/// <param name="Period">Time between ticks.</param>
/// <param name="CurrentTickTime">When this tick was due.</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
