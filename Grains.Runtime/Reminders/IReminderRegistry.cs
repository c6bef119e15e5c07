namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>What grains use to manage their durable reminders.</summary>
internal interface IReminderRegistry
{
    Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken);

    Task<bool> UnregisterAsync(GrainId grainId, string name, CancellationToken cancellationToken);
}
