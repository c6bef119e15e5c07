using EdgeHive.Grains.Runtime.Catalog;

namespace EdgeHive.Grains.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates one instance per activation, loads its persistent state,
/// calls <see cref="OnActivateAsync"/>, then delivers requests one turn at a time (unless the class is
/// <see cref="ReentrantAttribute">reentrant</see> or a method interleaves).
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    /// <summary>The activation hosting this instance. Valid from <see cref="OnActivateAsync"/> on (not in the constructor).</summary>
    internal GrainActivation Activation
    {
        get => _activation ?? throw new InvalidOperationException("The grain is not attached to an activation yet; do not use grain APIs in the constructor.");
        set => _activation = value;
    }

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>This grain's string key.</summary>
    public string GetPrimaryKeyString() => Activation.GrainId.Key;

    /// <summary>Creates references to other grains.</summary>
    public IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>The clock the runtime runs on; use it instead of DateTime.UtcNow so tests can move time.</summary>
    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    /// <summary>Called after state is loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation is removed (idle collection, shutdown, explicit request).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle");

    /// <summary>Keeps the activation from idle collection for at least <paramref name="period"/>.</summary>
    protected void DelayDeactivation(TimeSpan period) => Activation.DelayDeactivation(period);

    /// <summary>
    /// Starts a timer owned by this activation. Each tick runs as a turn of the activation (so it never overlaps
    /// requests unless <paramref name="interleave"/> is set), and the next period starts after the callback completes.
    /// Dispose the result to stop it; timers stop with the activation.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave = false) =>
        Activation.RegisterTimer(callback, dueTime, period, interleave);

    /// <summary>Registers or updates a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, name, dueTime, period, CancellationToken.None);

    /// <summary>Removes a durable reminder; false if there was none.</summary>
    protected Task<bool> UnregisterReminder(string name) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, name, CancellationToken.None);
}
