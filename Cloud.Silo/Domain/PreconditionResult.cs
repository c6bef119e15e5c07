namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>The outcome of evaluating a conditional request header against a resource.</summary>
internal enum PreconditionResult
{
    /// <summary>No condition, or the condition holds: go ahead.</summary>
    Passed,

    /// <summary>The condition does not hold (HTTP 412, or 304 for If-None-Match on a read).</summary>
    Failed,

    /// <summary>The header cannot be parsed (HTTP 400).</summary>
    Malformed,
}
