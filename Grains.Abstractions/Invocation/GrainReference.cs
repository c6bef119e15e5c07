namespace EdgeHive.Grains.Invocation;

/// <summary>Base class of generated grain proxies: a grain id, the interface it is seen through, and the invoker
/// that delivers calls. Two references are equal when they address the same grain through the same interface.</summary>
public abstract class GrainReference : IEquatable<GrainReference>
{
    /// <summary>Creates a reference; called by generated proxies.</summary>
    protected GrainReference(IGrainCallInvoker invoker, GrainId grainId)
    {
        Invoker = invoker;
        GrainId = grainId;
    }

    /// <summary>The addressed grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>Delivers the calls made through this reference.</summary>
    public IGrainCallInvoker Invoker { get; }

    /// <summary>Stable name of the interface this proxy implements.</summary>
    public abstract string InterfaceName { get; }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) =>
        other is not null && GrainId == other.GrainId && InterfaceName == other.InterfaceName;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(GrainId, InterfaceName);

    /// <inheritdoc />
    public override string ToString() => InterfaceName + ":" + GrainId;
}
