using System.Collections.Concurrent;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Tests;

public interface IPingGrain : IGrainWithStringKey
{
    Task<string> Where();

    Task<int> Echo(int value);
}

// Random placement: the tests look for a grain that lives on a given silo. Orleans' default (resource-optimized)
// placement follows the silos' load, so on a busy machine every activation may land on one silo and the search fails.
[RandomPlacement]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<string> Where() => Task.FromResult(RuntimeIdentity);

    public Task<int> Echo(int value) => Task.FromResult(value);
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Start(string reminder, TimeSpan period);

    Task Stop(string reminder);
}

/// <summary>Records every reminder tick in <see cref="Ticks"/>, keyed "grain/reminder" (in-process silos share it).</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public static ConcurrentDictionary<string, ConcurrentQueue<string>> Ticks { get; } = new();

    public Task Start(string reminder, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminder, TimeSpan.Zero, period);

    public async Task Stop(string reminder)
    {
        var handle = await this.GetReminder(reminder);
        if (handle is not null)
        {
            await this.UnregisterReminder(handle);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.GetOrAdd(this.GetPrimaryKeyString() + "/" + reminderName, _ => new()).Enqueue(RuntimeIdentity);
        return Task.CompletedTask;
    }

    public static int Count(string grain, string reminder) =>
        Ticks.TryGetValue(grain + "/" + reminder, out var ticks) ? ticks.Count : 0;
}
