using System.Collections.Concurrent;
using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Local objects reachable through observer references. An observer's grain id is
/// <c>sys.observer/{host}/{guid}</c> where host is <c>s:{silo address}</c> or <c>c:{client id}</c>, so any silo can
/// tell where to deliver a call to it without a directory lookup.
/// </summary>
internal sealed class ObserverRegistry(string hostKey)
{
    /// <summary>Grain type of observer references.</summary>
    public const string GrainType = "sys.observer";

    private readonly ConcurrentDictionary<string, object> _observers = new(StringComparer.Ordinal);

    /// <summary>This process's host key.</summary>
    public string HostKey { get; } = hostKey;

    public TObserver CreateReference<TObserver>(TObserver observer, IGrainCallInvoker invoker) where TObserver : class, IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is GrainReference)
        {
            throw new ArgumentException("Pass the observer object itself, not a reference.", nameof(observer));
        }

        var key = HostKey + "/" + Guid.NewGuid().ToString("N");
        _observers[key] = observer;
        return (TObserver)(object)GrainInterfaceRegistry.Get(typeof(TObserver)).CreateProxy(invoker, new GrainId(GrainType, key));
    }

    public void Delete(object reference)
    {
        if (reference is GrainReference { GrainId.Type: GrainType } grainReference)
        {
            _observers.TryRemove(grainReference.GrainId.Key, out _);
        }
    }

    /// <summary>The host key part of an observer key.</summary>
    public static string HostOf(GrainId observerId)
    {
        var slash = observerId.Key.LastIndexOf('/');
        return slash > 0 ? observerId.Key[..slash] : observerId.Key;
    }

    /// <summary>Invokes a call on a local observer; false if the observer is not (or no longer) registered here.</summary>
    public bool TryInvoke(CallItem item)
    {
        if (!_observers.TryGetValue(item.Target.Key, out var observer))
        {
            return false;
        }

        Task task;
        try
        {
            task = item.Request.Invoke(observer);
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }

        if (task.IsCompleted)
        {
            item.Complete(task);
        }
        else
        {
            task.ContinueWith(static (t, s) => ((CallItem)s!).Complete(t), item, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return true;
    }

    public int Count => _observers.Count;
}
