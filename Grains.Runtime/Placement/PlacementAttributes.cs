namespace EdgeHive.Grains.Runtime;

/// <summary>Base of placement attributes on grain classes.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class PlacementAttribute : Attribute
{
    internal abstract PlacementStrategy Strategy { get; }
}

/// <summary>Place new activations on the silo that first calls the grain (when it is active). Use where locality
/// matters, e.g. the per-node session grain on the silo holding the node's socket.</summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.PreferLocal;
}

/// <summary>Place new activations by a hash of the grain id over the active silos (the default).</summary>
public sealed class HashBasedPlacementAttribute : PlacementAttribute
{
    internal override PlacementStrategy Strategy => PlacementStrategy.Hash;
}

/// <summary>How a new activation's silo is chosen.</summary>
internal enum PlacementStrategy
{
    Hash,
    PreferLocal,
}
