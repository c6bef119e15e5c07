namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>Bounds of one import: the file is read into memory and every row costs a few grain calls, so both the
/// size and the row count are capped. Larger sets are split into several files.</summary>
internal static class DeviceImportLimits
{
    /// <summary>Largest accepted file: 5 MiB.</summary>
    public const long MaxBytes = 5L * 1024 * 1024;

    /// <summary>Most rows in one file.</summary>
    public const int MaxRows = 10_000;

    /// <summary>
    /// Most grain calls one import has in flight, when reading models and devices and when writing rows. Each call
    /// waits mostly on storage, so a few in flight hide that latency; more would let one large import crowd out the
    /// cluster's other callers.
    /// </summary>
    public const int MaxConcurrentCalls = 16;
}
