using Orleans.Storage;
using EdgeHive.Grains.Invocation;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>
/// One activation of a grain on this silo: the grain instance, its mailbox, and the rules that decide which request
/// may start a turn. Requests wait in FIFO order; one runs at a time unless the grain is reentrant, the method is
/// <see cref="AlwaysInterleaveAttribute">always-interleave</see>, or all running and waiting requests are read-only.
/// </summary>
internal sealed partial class GrainActivation
{
    private static readonly Action<Task, object?> OnRequestCompleted = static (task, state) =>
    {
        var item = (CallItem)state!;
        ((GrainActivation)item.ActivationSlot!).Finish(item, task);
    };

    private static readonly Action<object?> RunItemAction = static state =>
    {
        var item = (CallItem)state!;
        ((GrainActivation)item.ActivationSlot!).RunItem(item);
    };

    private readonly object _lock = new();
    private readonly Queue<CallItem> _waiting = new();
    private readonly List<ActivationTimer> _timers = [];
    private readonly GrainTypeInfo _type;
    private ActivationState _state = ActivationState.Creating;
    private int _running;
    private int _runningReadOnly;
    private long _lastActive;
    private long _keepAliveUntil;
    private DeactivationReason? _pendingDeactivation;
    private Func<CancellationToken, Task>[] _stateLoaders = [];
    private TaskCompletionSource? _drained;
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainActivation(SiloRuntime runtime, GrainTypeInfo type, GrainId grainId)
    {
        Runtime = runtime;
        _type = type;
        GrainId = grainId;
        // 64 random bits: activation ids only need to differ between activations of the same grain.
        ActivationId = Random.Shared.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        _lastActive = runtime.TimeProvider.GetTimestamp();
    }

    public SiloRuntime Runtime { get; }

    public GrainId GrainId { get; }

    /// <summary>Unique id of this activation; the directory row names it so stale removals can be detected.</summary>
    public string ActivationId { get; }

    public ActivationScheduler Scheduler { get; } = new();

    public Grain? Instance { get; private set; }

    public GrainTypeInfo Type => _type;

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes once the activation has been removed from the catalog.</summary>
    public Task Removed => _removed.Task;

    /// <summary>Called by the catalog when the activation is gone.</summary>
    public void MarkRemoved() => _removed.TrySetResult();

    /// <summary>Timestamp of the last request start or completion.</summary>
    public long LastActive => Volatile.Read(ref _lastActive);

    /// <summary>True when the activation has been idle long enough to be collected.</summary>
    public bool IsIdleSince(long cutoffTimestamp)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _waiting.Count == 0 &&
                   _lastActive < cutoffTimestamp && _keepAliveUntil < Runtime.TimeProvider.GetTimestamp();
        }
    }

    /// <summary>Queues a request. Returns false if the activation is being torn down; the caller re-routes then.</summary>
    public bool TryEnqueue(CallItem item)
    {
        item.ActivationSlot = this;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return false;
            }

            _waiting.Enqueue(item);
            if (_state == ActivationState.Valid)
            {
                PumpLocked();
            }

            if (_waiting.Count > 0 || _state != ActivationState.Valid)
            {
                // It has to wait (busy or still activating): its caller's deadline must be watched.
                Runtime.Dispatcher.Track(item);
            }
        }

        return true;
    }

    /// <summary>Creates the grain, loads state, runs OnActivateAsync, then starts serving queued requests.</summary>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnSchedulerAsync(async () =>
            {
                Instance = _type.Create(Runtime.Services, this, Runtime.Storage, out _stateLoaders);
                foreach (var load in _stateLoaders)
                {
                    await load(cancellationToken).ConfigureAwait(true);
                }

                await Instance.OnActivateAsync(cancellationToken).ConfigureAwait(true);
            }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ActivationFailed(Runtime.Logger, GrainId, ex);
            var failure = new GrainCallFailedException($"Activation of {GrainId} failed: {ex.Message}", ex);
            List<CallItem> failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _waiting];
                _waiting.Clear();
            }

            foreach (var item in failed)
            {
                item.Fail(failure);
            }

            await Runtime.Catalog.OnActivationRemovedAsync(this).ConfigureAwait(false);
            return;
        }

        lock (_lock)
        {
            if (_state != ActivationState.Creating)
            {
                return;
            }

            _state = ActivationState.Valid;
            PumpLocked();
        }
    }

    /// <summary>Hands every queued request back for routing (used when another activation won the directory).</summary>
    public List<CallItem> AbandonBeforeActivation()
    {
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            List<CallItem> items = [.. _waiting];
            _waiting.Clear();
            return items;
        }
    }

    /// <summary>Asks for deactivation once running requests finish.</summary>
    public void RequestDeactivation(DeactivationReasonCode code, string description)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _pendingDeactivation is not null)
            {
                return;
            }

            _pendingDeactivation = new DeactivationReason(code, description);
        }

        _ = Runtime.Catalog.DeactivateAsync(this, new DeactivationReason(code, description));
    }

    public void DelayDeactivation(TimeSpan period)
    {
        var until = Runtime.TimeProvider.GetTimestamp() + (long)(period.TotalSeconds * Runtime.TimeProvider.TimestampFrequency);
        lock (_lock)
        {
            _keepAliveUntil = Math.Max(_keepAliveUntil, until);
        }
    }

    /// <summary>
    /// Stops new turns, waits for running ones (bounded), runs OnDeactivateAsync, stops timers, and returns the requests
    /// that were still waiting so the catalog can route them to a fresh activation.
    /// </summary>
    public async Task<List<CallItem>> DeactivateAsync(DeactivationReason reason, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        Task drained;
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return [];
            }

            _state = ActivationState.Deactivating;
            drained = _running == 0 ? Task.CompletedTask : (_drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        try
        {
            await drained.WaitAsync(drainTimeout, Runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.DrainTimedOut(Runtime.Logger, GrainId, drainTimeout);
        }

        StopTimers();
        if (Instance is { } grain)
        {
            try
            {
                await RunOnSchedulerAsync(() => grain.OnDeactivateAsync(reason, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.DeactivationFailed(Runtime.Logger, GrainId, ex);
            }
        }

        lock (_lock)
        {
            _state = ActivationState.Invalid;
            List<CallItem> leftovers = [.. _waiting];
            _waiting.Clear();
            return leftovers;
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave)
    {
        var timer = new ActivationTimer(this, callback, dueTime, period, interleave);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating; timers cannot be registered.");
            }

            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(ActivationTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private void StopTimers()
    {
        ActivationTimer[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    private void PumpLocked()
    {
        while (_waiting.Count > 0 && CanStartLocked(_waiting.Peek()))
        {
            var item = _waiting.Dequeue();
            _running++;
            if ((item.Request.Flags & RequestFlags.ReadOnly) != 0)
            {
                _runningReadOnly++;
            }

            _lastActive = Runtime.TimeProvider.GetTimestamp();
            new Task(RunItemAction, item).Start(Scheduler);
        }
    }

    private bool CanStartLocked(CallItem item)
    {
        if (_running == 0 || _type.Reentrant)
        {
            return true;
        }

        var flags = item.Request.Flags;
        return (flags & RequestFlags.AlwaysInterleave) != 0 ||
               ((flags & RequestFlags.ReadOnly) != 0 && _runningReadOnly == _running);
    }

    private void RunItem(CallItem item)
    {
        Task task;
        if (Runtime.TimeProvider.GetTimestamp() > item.Deadline)
        {
            // The caller has given up; running it now would only do work nobody waits for.
            task = Task.FromException(Runtime.Dispatcher.CreateTimeoutException(item, waitedInQueue: true));
        }
        else
        {
            RequestContext.Current = item;
            try
            {
                task = item.Request.Invoke(Instance!);
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);
            }
        }

        if (task.IsCompleted)
        {
            Finish(item, task);
        }
        else
        {
            Runtime.Dispatcher.Track(item);
            task.ContinueWith(OnRequestCompleted, item, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Finish(CallItem item, Task task)
    {
        if (task.IsFaulted && task.Exception?.InnerException is InconsistentStateException)
        {
            RequestDeactivation(DeactivationReasonCode.InconsistentState, "state write conflict");
        }

        item.Complete(task);
        lock (_lock)
        {
            _running--;
            if ((item.Request.Flags & RequestFlags.ReadOnly) != 0)
            {
                _runningReadOnly--;
            }

            _lastActive = Runtime.TimeProvider.GetTimestamp();
            if (_state == ActivationState.Valid)
            {
                PumpLocked();
            }
            else if (_running == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    private Task RunOnSchedulerAsync(Func<Task> action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    private static partial class Log
    {
        [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
        public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
        public static partial void DeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Requests of {GrainId} still running after {Timeout}; deactivating anyway")]
        public static partial void DrainTimedOut(ILogger logger, GrainId grainId, TimeSpan timeout);
    }
}
