namespace EdgeHive.Grains.Invocation;

/// <summary>How a request may be scheduled on the target activation.</summary>
[Flags]
public enum RequestFlags
{
    None = 0,

    /// <summary>No response is sent; the caller does not wait.</summary>
    OneWay = 1,

    /// <summary>May interleave with any other request (<see cref="AlwaysInterleaveAttribute"/>).</summary>
    AlwaysInterleave = 2,

    /// <summary>Read-only requests may interleave with other read-only requests (<see cref="ReadOnlyAttribute"/>).</summary>
    ReadOnly = 4,
}
