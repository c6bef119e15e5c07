using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The result of validating desired-value changes.</summary>
/// <param name="Errors">Every broken rule, each naming the property; empty when the changes are valid.</param>
/// <param name="Desired">The desired values after the changes (meaningful only when there are no errors).</param>
internal sealed record DesiredValidation(IReadOnlyList<ValidationError> Errors, IReadOnlyDictionary<string, string> Desired)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
