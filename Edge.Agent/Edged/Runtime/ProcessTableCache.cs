namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// A process table snapshot shared by everything that waits for runs to end: a scan reads one file per process, so
/// many waiting stops (an agent shutdown with dozens of workloads) share one scan per <paramref name="maxAge"/>
/// instead of scanning each on its own. Signals never use it: they need the table as it is now.
/// </summary>
internal sealed class ProcessTableCache(TimeProvider time, TimeSpan maxAge)
{
    private readonly Lock _gate = new();
    private List<ProcEntry>? _snapshot;
    private long _takenAt;

    /// <summary>A snapshot at most <c>maxAge</c> old.</summary>
    public IReadOnlyList<ProcEntry> Get()
    {
        lock (_gate)
        {
            if (_snapshot is null || time.GetElapsedTime(_takenAt) > maxAge)
            {
                _snapshot = ProcessTable.Snapshot();
                _takenAt = time.GetTimestamp();
            }

            return _snapshot;
        }
    }
}
