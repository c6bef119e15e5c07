namespace EdgeHive.Grains.CodeGen.Tests.Samples;

/// <summary>Implementation of <see cref="IReminderSampleGrain"/> that remembers the last reminder.</summary>
public sealed class ReminderSample : IReminderSampleGrain
{
    public string? LastReminder { get; private set; }

    public TickStatus LastStatus { get; private set; }

    public Task<bool> IsArmed() => Task.FromResult(LastReminder is not null);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        LastReminder = reminderName;
        LastStatus = status;
        return Task.CompletedTask;
    }
}
