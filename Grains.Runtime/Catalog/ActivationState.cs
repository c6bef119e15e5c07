namespace EdgeHive.Grains.Runtime.Catalog;

/// <summary>Lifecycle of an activation.</summary>
internal enum ActivationState
{
    Creating,
    Valid,
    Deactivating,
    Invalid,
}
