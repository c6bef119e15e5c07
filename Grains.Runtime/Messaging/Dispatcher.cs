using System.Collections.Concurrent;
using System.Globalization;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Placement;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// Routes every grain call of a silo: to a local activation without serializing, or as a frame to the silo that hosts
/// (or should host) the grain. It also owns the table of calls waiting for a response and fails each one with a
/// <see cref="GrainCallTimeoutException"/> when its deadline passes, from one periodic sweep rather than a timer per call.
/// </summary>
internal sealed partial class Dispatcher : IGrainCallInvoker, IAsyncDisposable
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(100);

    private readonly SiloRuntime _runtime;
    private readonly ISiloStatusOracle _oracle;
    private readonly LocalGrainDirectory _directory;
    private readonly ConcurrentDictionary<long, PendingEntry> _pending = new();
    private readonly ITimer _sweeper;
    private readonly long _timeoutTicks;
    private long _nextId;

    public Dispatcher(SiloRuntime runtime, ISiloStatusOracle oracle, LocalGrainDirectory directory)
    {
        _runtime = runtime;
        _oracle = oracle;
        _directory = directory;
        Observers = new ObserverRegistry("s:" + oracle.Self);
        _timeoutTicks = (long)(runtime.Options.CallTimeout.TotalSeconds * runtime.TimeProvider.TimestampFrequency);
        _sweeper = runtime.TimeProvider.CreateTimer(static s => ((Dispatcher)s!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>Set once the network is up; null in a silo that has not started listening yet.</summary>
    public IRemoteSender? Remote { get; set; }

    public ObserverRegistry Observers { get; }

    /// <summary>Calls waiting for a response (metrics).</summary>
    public int PendingCount => _pending.Count;

    /// <inheritdoc />
    public Task InvokeAsync(GrainReference target, Request request)
    {
        var call = PendingCall.For(request, target.GrainId, NextId(), this);
        Start(call);
        return call.Task;
    }

    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        var call = PendingCall.For(request, target.GrainId, NextId(), this);
        Start(call);
        return call.TypedTask;
    }

    /// <inheritdoc />
    public void InvokeOneWay(GrainReference target, Request request)
    {
        var call = PendingCall.For(request, target.GrainId, NextId(), this);
        Route(call);
    }

    /// <summary>Next correlation id.</summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>The call chain and deadline a new call inherits from the request running on this async flow.</summary>
    public (string[]? Chain, long Deadline) InheritContext()
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        var deadline = now + _timeoutTicks;
        var parent = RequestContext.Current;
        if (parent is null)
        {
            return (null, deadline);
        }

        string[] chain;
        if (parent.Chain is null)
        {
            chain = [parent.Describe()];
        }
        else
        {
            chain = new string[parent.Chain.Length + 1];
            parent.Chain.CopyTo(chain, 0);
            chain[^1] = parent.Describe();
        }

        if (parent.Deadline != long.MaxValue)
        {
            // A nested call must give up a little before its parent does, so that the innermost call of a cycle
            // fails first and its error (which names the whole chain) is the one the outermost caller sees.
            var remaining = parent.Deadline - now;
            var margin = Math.Min(Math.Max(remaining / 5, _runtime.TimeProvider.TimestampFrequency), remaining / 2);
            deadline = Math.Min(deadline, parent.Deadline - margin);
        }

        return (chain, deadline);
    }

    /// <summary>Routes a new call. Its deadline is watched only once it has to wait (queued, running asynchronously,
    /// sent remotely): most local calls complete synchronously and never touch the pending table.</summary>
    public void Start(PendingCall call) => Route(call);

    /// <summary>Watches the deadline of a local call that has to wait.</summary>
    public void Track(CallItem item)
    {
        if (item is PendingCall { IsOneWay: false, IsCompleted: false } call)
        {
            _pending.TryAdd(call.Id, new PendingEntry(call, null));
        }
    }

    /// <summary>Sends a call to wherever its grain lives or should be activated.</summary>
    public void Route(CallItem item)
    {
        var id = item.Target;
        if (id.Type == ObserverRegistry.GrainType)
        {
            RouteToObserver(item);
            return;
        }

        if (_runtime.Catalog.TryGetActivation(id, out var activation) && activation.TryEnqueue(item))
        {
            return;
        }

        if (!_runtime.Types.TryGetByName(id.Type, out var type))
        {
            item.Fail(new GrainCallFailedException($"No grain class is registered for grain type '{id.Type}' (call {item.Describe()})."));
            return;
        }

        if (_directory.TryGetCached(id) is { } cached)
        {
            SendTo(cached.Silo, item, type);
            return;
        }

        if (type.Placement == PlacementStrategy.PreferLocal)
        {
            _ = RouteViaDirectoryAsync(item, type);
            return;
        }

        var target = PlacementDirector.PickByHash(id, _oracle.ActiveSilos) ?? _oracle.Self;
        SendTo(target, item, type);
    }

    /// <summary>Sends a request to the silo that won the directory registration of its grain.</summary>
    public void Forward(CallItem item, GrainAddress winner)
    {
        item.Attempts++;
        if (item.Attempts > _runtime.Options.MaxForwardCount)
        {
            item.Fail(new GrainCallFailedException($"{item.Describe()} was forwarded {item.Attempts} times without reaching its activation."));
            return;
        }

        if (winner.Silo == _oracle.Self)
        {
            Route(item);
            return;
        }

        SendRemote(winner.Silo, item);
    }

    /// <summary>A request frame arrived (from a silo, or from a client through this gateway).</summary>
    public void OnRemoteRequest(RemoteCallItem item, bool fromClient)
    {
        if (fromClient || item.Target.Type == ObserverRegistry.GrainType)
        {
            Route(item);
            return;
        }

        // The sender chose this silo (placement, cache or forward): serve it here unless we know better.
        if (_runtime.Catalog.TryGetActivation(item.Target, out var activation) && activation.TryEnqueue(item))
        {
            return;
        }

        if (!_runtime.Types.TryGetByName(item.Target.Type, out var type))
        {
            item.Fail(new GrainCallFailedException($"Silo {_oracle.Self} has no grain class for grain type '{item.Target.Type}'."));
            return;
        }

        if (_directory.TryGetCached(item.Target) is { } cached && cached.Silo != _oracle.Self && item.Attempts < _runtime.Options.MaxForwardCount)
        {
            Forward(item, cached);
            return;
        }

        _runtime.Catalog.DeliverOrActivate(item, type);
    }

    /// <summary>A response frame arrived for a request this silo sent.</summary>
    public void OnResponse(Message response)
    {
        if (!_pending.TryRemove(response.Id, out var entry))
        {
            return; // Timed out already, or a duplicate.
        }

        var item = entry.Item;
        if (response.Status == ResponseStatus.NotHere)
        {
            _directory.Invalidate(item.Target);
            item.Attempts++;
            if (item.Attempts > _runtime.Options.MaxForwardCount)
            {
                item.Fail(new GrainCallFailedException($"{item.Describe()} could not be delivered: the target silo no longer hosts it."));
                return;
            }

            if (item is PendingCall pending)
            {
                _pending[pending.Id] = new PendingEntry(pending, null);
            }

            Route(item);
            return;
        }

        if (item is RemoteCallItem relayed)
        {
            relayed.Relay(response.Status, response.Body);
            return;
        }

        var call = (PendingCall)item;
        switch (response.Status)
        {
            case ResponseStatus.Ok:
                call.CompleteFromResponse(response.Body.Span, _runtime.JsonOptions);
                break;
            case ResponseStatus.Timeout:
            case ResponseStatus.Error:
                call.Fail(ExceptionCodec.Read(response.Body.Span, call.Describe()));
                break;
            default:
                call.Fail(new GrainCallFailedException($"{call.Describe()} was rejected by the target silo."));
                break;
        }
    }

    /// <summary>Fails the calls in flight to a silo whose connection closed.</summary>
    public void OnSiloUnreachable(SiloAddress silo, string reason)
    {
        foreach (var pair in _pending)
        {
            if (pair.Value.Silo == silo && _pending.TryRemove(pair))
            {
                pair.Value.Item.Fail(new GrainCallFailedException($"Connection to silo {silo} was lost ({reason}) while {pair.Value.Item.Describe()} was in flight."));
            }
        }
    }

    /// <summary>The error for a call whose deadline passed. It names the grain, the method and the call chain.</summary>
    public GrainCallTimeoutException CreateTimeoutException(CallItem item, bool waitedInQueue)
    {
        var target = item.Describe();
        var chain = item.Chain is { Length: > 0 } ? string.Join(" → ", item.Chain) + " → " + target : target;
        var prefix = item.Target + ".";
        var cycle = item.Chain?.Any(c => c.StartsWith(prefix, StringComparison.Ordinal)) == true;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Call to {target} timed out{(waitedInQueue ? " while queued at the grain" : string.Empty)}. Call chain: {chain}.");
        if (cycle)
        {
            message += $" The chain calls {item.Target} again while it is still waiting for its own call: a call cycle on a non-reentrant grain cannot complete (make the grain [Reentrant] or the method [AlwaysInterleave]).";
        }

        return new GrainCallTimeoutException(message);
    }

    public ValueTask DisposeAsync() => _sweeper.DisposeAsync();

    private void SendTo(SiloAddress target, CallItem item, GrainTypeInfo type)
    {
        if (target == _oracle.Self)
        {
            _runtime.Catalog.DeliverOrActivate(item, type);
        }
        else
        {
            SendRemote(target, item);
        }
    }

    private void SendRemote(SiloAddress target, CallItem item)
    {
        if (Remote is not { } remote)
        {
            item.Fail(new GrainCallFailedException($"{item.Describe()} needs silo {target}, but this silo's network is not started."));
            return;
        }

        long id;
        if (item is PendingCall call && !call.IsOneWay)
        {
            id = call.Id;
            _pending[id] = new PendingEntry(call, target);
        }
        else if (item.IsOneWay)
        {
            id = NextId();
        }
        else
        {
            id = NextId();
            _pending[id] = new PendingEntry(item, target);
        }

        remote.SendRequest(target, item, id);
    }

    private async Task RouteViaDirectoryAsync(CallItem item, GrainTypeInfo type)
    {
        Track(item);
        GrainAddress? address;
        try
        {
            address = await _directory.LookupAsync(item.Target, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            item.Fail(new GrainCallFailedException($"Directory lookup for {item.Describe()} failed: {ex.Message}", ex));
            return;
        }

        var target = address?.Silo ?? PlacementDirector.PickPreferLocal(item.Target, _oracle.Self, _oracle.ActiveSilos) ?? _oracle.Self;
        SendTo(target, item, type);
    }

    private void Sweep()
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        List<CallItem>? expired = null;
        foreach (var pair in _pending)
        {
            if (pair.Value.Item is PendingCall { IsCompleted: true })
            {
                _pending.TryRemove(pair);
            }
            else if (pair.Value.Item.Deadline < now && _pending.TryRemove(pair))
            {
                (expired ??= []).Add(pair.Value.Item);
            }
        }

        if (expired is null)
        {
            return;
        }

        // Innermost calls have the earliest deadlines: fail them first so their errors, which name the longest
        // chain, are what the outer calls see.
        expired.Sort(static (a, b) => a.Deadline.CompareTo(b.Deadline));
        foreach (var item in expired)
        {
            item.Fail(CreateTimeoutException(item, waitedInQueue: false));
        }
    }

    private readonly record struct PendingEntry(CallItem Item, SiloAddress? Silo);
}
