namespace EdgeHive.Grains;

/// <summary>The method returns nothing to the caller; the call completes as soon as it is sent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

/// <summary>The method may run interleaved with any other request on the same activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>The method does not change grain state; read-only requests may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Names the grain type (the first part of a <see cref="GrainId"/>) of a grain interface. Without it the
/// interface name without its leading "I" and trailing "Grain", lower-cased, is used (IDeviceGrain → "device").</summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
