using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The outcome of applying a desired change, an edge report or an edge acknowledgement to a twin.</summary>
/// <param name="Twin">The twin afterwards (the same instance when nothing changed).</param>
/// <param name="Applied">Properties that changed, ordered by name.</param>
/// <param name="Ignored">Properties left alone, each with the reason, ordered by name.</param>
internal sealed record TwinUpdate(
    IReadOnlyDictionary<string, TwinProperty> Twin,
    IReadOnlyList<string> Applied,
    IReadOnlyList<ValidationError> Ignored)
{
    /// <summary>True when the twin changed and must be persisted (with a new resource version).</summary>
    public bool Changed => Applied.Count > 0;
}
