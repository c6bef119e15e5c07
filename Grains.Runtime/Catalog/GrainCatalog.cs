using System.Collections.Concurrent;
using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Hosting;
using EdgeHive.Grains.Runtime.Messaging;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>
/// The activations of this silo: creates them (after winning the directory registration), collects idle ones, and
/// deactivates all of them on shutdown. Requests for a grain whose registration another silo won are forwarded there.
/// </summary>
internal sealed partial class GrainCatalog : IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly SiloRuntime _runtime;
    private readonly LocalGrainDirectory _directory;
    private readonly SiloAddress _self;
    private readonly ITimer _collector;
    private readonly CancellationTokenSource _stopping = new();

    public GrainCatalog(SiloRuntime runtime, LocalGrainDirectory directory, SiloAddress self)
    {
        _runtime = runtime;
        _directory = directory;
        _self = self;
        var quantum = runtime.Options.CollectionQuantum;
        if (runtime.Options.CollectionAge / 4 < quantum)
        {
            quantum = runtime.Options.CollectionAge / 4;
        }

        _collector = runtime.TimeProvider.CreateTimer(static s => ((GrainCatalog)s!).CollectIdle(), this, quantum, quantum);
    }

    /// <summary>Number of activations on this silo.</summary>
    public int Count => _activations.Count;

    /// <summary>Count of activations per grain type (for the cluster page and metrics).</summary>
    public IReadOnlyDictionary<string, int> CountByType() =>
        _activations.Values.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The local activation of a grain, if there is one.</summary>
    public bool TryGetActivation(GrainId grainId, out GrainActivation activation) =>
        _activations.TryGetValue(grainId, out activation!);

    /// <summary>
    /// Delivers a request to this silo's activation of the grain, creating and registering one if needed. Returns
    /// without waiting for activation.
    /// </summary>
    public void DeliverOrActivate(CallItem item, GrainTypeInfo type)
    {
        while (true)
        {
            if (_activations.TryGetValue(item.Target, out var existing))
            {
                if (existing.TryEnqueue(item))
                {
                    return;
                }

                if (existing.Removed.IsCompleted)
                {
                    // Dropped but still in the table for a moment (a kill, a shutdown cut short): take it out and look
                    // again, rather than waiting on a removal that already happened and routing back here forever.
                    _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(item.Target, existing));
                    continue;
                }

                // Being deactivated: it will hand its waiting requests back; route this one after it is gone.
                _ = RetryAfterRemovalAsync(existing, item);
                return;
            }

            if (_stopping.IsCancellationRequested)
            {
                item.Fail(new GrainCallFailedException($"Silo {_self} is shutting down; {item.Describe()} was not delivered."));
                return;
            }

            var activation = new GrainActivation(_runtime, type, item.Target);
            if (!_activations.TryAdd(item.Target, activation))
            {
                continue;
            }

            activation.TryEnqueue(item);
            _ = RegisterAndActivateAsync(activation);
            return;
        }
    }

    /// <summary>Deactivates one activation, removes it, and re-routes requests that were still waiting.</summary>
    public async Task DeactivateAsync(GrainActivation activation, DeactivationReason reason)
    {
        var leftovers = await activation.DeactivateAsync(reason, _runtime.Options.DeactivationTimeout, CancellationToken.None).ConfigureAwait(false);
        await OnActivationRemovedAsync(activation).ConfigureAwait(false);
        foreach (var item in leftovers)
        {
            _runtime.Dispatcher.Route(item);
        }
    }

    /// <summary>Removes a finished activation from the catalog and its row from the directory.</summary>
    public async Task OnActivationRemovedAsync(GrainActivation activation)
    {
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));
        activation.MarkRemoved();
        try
        {
            await _directory.UnregisterAsync(new GrainAddress(activation.GrainId, _self, activation.ActivationId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The row is only stale now; the next registration for the grain removes it (same silo, unknown activation).
            Log.UnregisterFailed(_runtime.Logger, activation.GrainId, ex);
        }
    }

    /// <summary>Graceful shutdown: refuse new activations, deactivate all (OnDeactivateAsync persists), unregister.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "silo shutting down");
        await Parallel.ForEachAsync(
            _activations.Values.ToArray(),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (activation, _) => await DeactivateAsync(activation, reason).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Kill simulation: forget every activation without running any grain code or touching the database.</summary>
    public void DropAll()
    {
        _stopping.Cancel();
        foreach (var (grainId, activation) in _activations)
        {
            // Out of the table before it counts as removed, so a request arriving meanwhile never finds it removed.
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(grainId, activation));
            foreach (var item in activation.AbandonBeforeActivation())
            {
                item.Fail(new GrainCallFailedException($"Silo {_self} stopped."));
            }

            activation.MarkRemoved();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RegisterAndActivateAsync(GrainActivation activation)
    {
        GrainAddress winner;
        var address = new GrainAddress(activation.GrainId, _self, activation.ActivationId);
        try
        {
            winner = await _directory.RegisterAsync(
                address,
                stale => !_activations.TryGetValue(stale.GrainId, out var current) || current.ActivationId != stale.ActivationId,
                _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.RegisterFailed(_runtime.Logger, activation.GrainId, ex);
            _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));
            activation.MarkRemoved();
            var failure = new GrainCallFailedException($"Activation of {activation.GrainId} failed: the grain directory is unavailable ({ex.Message}).", ex);
            foreach (var item in activation.AbandonBeforeActivation())
            {
                item.Fail(failure);
            }

            return;
        }

        if (winner.ActivationId == activation.ActivationId)
        {
            await activation.ActivateAsync(_stopping.Token).ConfigureAwait(false);
            return;
        }

        // Another silo (or a concurrent activation) won: this one never ran; send its requests to the winner.
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));
        activation.MarkRemoved();
        foreach (var item in activation.AbandonBeforeActivation())
        {
            _runtime.Dispatcher.Forward(item, winner);
        }
    }

    private async Task RetryAfterRemovalAsync(GrainActivation deactivating, CallItem item)
    {
        await deactivating.Removed.ConfigureAwait(false);
        _runtime.Dispatcher.Route(item);
    }

    private void CollectIdle()
    {
        var cutoff = _runtime.TimeProvider.GetTimestamp() -
                     (long)(_runtime.Options.CollectionAge.TotalSeconds * _runtime.TimeProvider.TimestampFrequency);
        foreach (var activation in _activations.Values)
        {
            if (activation.IsIdleSince(cutoff))
            {
                activation.RequestDeactivation(DeactivationReasonCode.IdleCollection, "idle");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Directory registration of {GrainId} failed")]
        public static partial void RegisterFailed(ILogger logger, GrainId grainId, Exception exception);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Directory removal of {GrainId} failed")]
        public static partial void UnregisterFailed(ILogger logger, GrainId grainId, Exception exception);
    }
}
