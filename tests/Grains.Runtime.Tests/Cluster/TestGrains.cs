using System.Collections.Concurrent;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Cluster;

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public static readonly ConcurrentDictionary<string, int> Deactivations = new();

    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<string> WhereAmI() => Task.FromResult(Activation.Runtime.Self.ToString());

    public Task Fail(string message) => throw new InvalidOperationException(message);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Deactivations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Detects overlapping execution across all activations of a key in this process (all test silos run here).</summary>
public sealed class TurnGrain : Grain, ITurnGrain
{
    public static readonly ConcurrentDictionary<string, int> Inside = new();
    public static readonly ConcurrentDictionary<string, int> Overlaps = new();
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public async Task<int> Work(int yields)
    {
        var key = GetPrimaryKeyString();
        if (Inside.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Overlaps.AddOrUpdate(key, 1, (_, n) => n + 1);
        }

        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
        }

        Inside.AddOrUpdate(key, 0, (_, n) => n - 1);
        return yields;
    }
}

[Reentrant]
public sealed class ReentrantTurnGrain : Grain, IReentrantTurnGrain
{
    private int _inside;
    private int _max;
    private int _parallel;

    public async Task<int> Work(int yields)
    {
        // Reentrant turns interleave at awaits but never run in parallel: a plain (non-atomic) counter stays exact.
        _inside++;
        _max = Math.Max(_max, _inside);
        if (Interlocked.Increment(ref _parallel) > 1)
        {
            throw new InvalidOperationException("two turns ran in parallel");
        }

        Interlocked.Decrement(ref _parallel);
        await Task.Delay(20);
        _inside--;
        return yields;
    }

    public Task<int> MaxConcurrent() => Task.FromResult(_max);
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<string> Ping(string next, int hops)
    {
        if (hops == 0)
        {
            return GetPrimaryKeyString();
        }

        return await GrainFactory.GetGrain<ICycleGrain>(next).Ping(GetPrimaryKeyString(), hops - 1);
    }

    public static readonly SemaphoreSlim HangGate = new(0);

    public Task Relay(string next) => GrainFactory.GetGrain<ICycleGrain>(next).Hang();

    public async Task Hang()
    {
        await HangGate.WaitAsync();
        HangGate.Release();
    }
}

public sealed class TickerGrain : Grain, ITickerGrain
{
    public static readonly ConcurrentDictionary<string, int> ReminderTicks = new();
    private int _timerTicks;

    public Task StartReminder(TimeSpan period) => RegisterOrUpdateReminder("tick", TimeSpan.Zero, period);

    public Task StartTimer(TimeSpan period)
    {
        RegisterTimer(_ =>
        {
            _timerTicks++;
            return Task.CompletedTask;
        }, TimeSpan.Zero, period);
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_timerTicks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.AddOrUpdate(GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public sealed class PublisherGrain : Grain, IPublisherGrain
{
    private readonly List<INotifier> _subscribers = [];

    public Task Subscribe(INotifier notifier)
    {
        _subscribers.Add(notifier);
        return Task.CompletedTask;
    }

    public async Task<int> Publish(string text)
    {
        foreach (var subscriber in _subscribers)
        {
            await subscriber.Notify(text);
        }

        return _subscribers.Count;
    }
}
