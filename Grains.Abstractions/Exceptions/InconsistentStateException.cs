namespace EdgeHive.Grains;

/// <summary>A state write was based on a version that is no longer the stored one (a stale ETag), or a first
/// write found a row already there. The activation that saw it is deactivated so the next call reloads state.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The version the writer expected, when known.</summary>
    public string? ExpectedETag { get; init; }

    /// <summary>The version found in storage, when known.</summary>
    public string? StoredETag { get; init; }
}
