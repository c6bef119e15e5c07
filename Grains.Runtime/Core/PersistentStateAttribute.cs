namespace EdgeHive.Grains.Runtime;

/// <summary>Names the state of an <c>IPersistentState&lt;T&gt;</c> constructor parameter of a grain class. Without
/// it the state is the grain's default state, stored under the grain type name.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    /// <summary>The state's name; stored as "graintype.statename" unless it is "default".</summary>
    public string StateName { get; } = stateName;
}
