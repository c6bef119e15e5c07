using EdgeHive.Grains.Invocation;

namespace EdgeHive.Grains.Runtime.Messaging;

/// <summary>
/// A request on its way to or inside an activation, and where its outcome goes. Local calls use one object for both
/// ends (<see cref="PendingCall"/>); requests from the network use <see cref="RemoteCallItem"/>, whose completion writes
/// a response frame.
/// </summary>
internal abstract class CallItem
{
    /// <summary>The invocation, with typed arguments.</summary>
    public required Request Request { get; init; }

    /// <summary>The grain being called.</summary>
    public GrainId Target { get; init; }

    /// <summary>Grains on the path to this call ("type/key.Method"), outermost first; null at the top.</summary>
    public string[]? Chain { get; init; }

    /// <summary>When the caller stops waiting, as a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public long Deadline { get; init; }

    /// <summary>True for one-way calls: nobody waits for the outcome.</summary>
    public bool IsOneWay => (Request.Flags & RequestFlags.OneWay) != 0;

    /// <summary>Delivers the outcome of a completed <see cref="Request.Invoke"/> task.</summary>
    public abstract void Complete(Task completed);

    /// <summary>Delivers a failure that happened outside the grain method (routing, activation, timeout).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>How many times the call was re-routed after a stale address or a forward.</summary>
    public int Attempts { get; set; }

    /// <summary>The activation the item was queued on (set by the activation).</summary>
    public object? ActivationSlot { get; set; }

    /// <summary>"type/key.Method", the form used in call chains.</summary>
    public string Describe() => Target + "." + Request.MethodName;
}
