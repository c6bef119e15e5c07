namespace EdgeHive.Grains.Runtime.Tests.Cluster;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    [ReadOnly]
    Task<int> Get();

    Task<string> WhereAmI();

    Task Fail(string message);
}

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Does some async work; records any overlap with another call on the same key, in any activation.</summary>
    Task<int> Work(int yields);
}

[GrainType("reentrantturn")]
public interface IReentrantTurnGrain : IGrainWithStringKey
{
    Task<int> Work(int yields);

    Task<int> MaxConcurrent();
}

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>, which calls back the first grain: A → B → A.</summary>
    Task<string> Ping(string next, int hops);

    /// <summary>Calls <paramref name="next"/>'s <see cref="Hang"/>.</summary>
    Task Relay(string next);

    /// <summary>Waits until the test releases <c>CycleGrain.HangGate</c>.</summary>
    Task Hang();
}

public interface ITickerGrain : IGrainWithStringKey, IRemindable
{
    Task StartReminder(TimeSpan period);

    Task StartTimer(TimeSpan period);

    Task<int> Ticks();
}

public interface INotifier : IGrainObserver
{
    Task Notify(string text);
}

public interface IPublisherGrain : IGrainWithStringKey
{
    Task Subscribe(INotifier notifier);

    Task<int> Publish(string text);
}
