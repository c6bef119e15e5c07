namespace EdgeHive.Grains.Runtime;

/// <summary>Requests to this grain class may interleave at await points. Turns still never run in parallel.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
