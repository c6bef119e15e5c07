namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// Whether a dependency that is retried on a cadence (the cluster database) is currently down, so that an outage is
/// logged once when it starts and once when it ends instead of at every failed attempt — a silo retries every period,
/// and a minute-long failover would otherwise bury the log in identical warnings. Pure bookkeeping: the caller passes
/// the times and does the logging. Thread-safe: several loops of one silo report to one tracker.
/// </summary>
internal sealed class OutageTracker
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _downSince;
    private DateTimeOffset _lastChange = DateTimeOffset.MinValue;
    private int _failures;

    /// <summary>True while the last attempt that counted failed.</summary>
    public bool IsDown
    {
        get
        {
            lock (_lock)
            {
                return _downSince is not null;
            }
        }
    }

    /// <summary>Records a failed attempt that started at <paramref name="startedAt"/>; true if it starts an outage.</summary>
    /// <remarks>An attempt that started before the last change is a straggler of the previous state (a slow read
    /// that began before the database came back) and does not flip it, so concurrent loops cannot make it flap.</remarks>
    public bool Failed(DateTimeOffset startedAt, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_downSince is not null)
            {
                _failures++;
                return false;
            }

            if (startedAt < _lastChange)
            {
                return false;
            }

            _downSince = now;
            _lastChange = now;
            _failures = 1;
            return true;
        }
    }

    /// <summary>Records a successful attempt that started at <paramref name="startedAt"/>; returns the outage it ends
    /// (how long it lasted and how many attempts failed), or null if there was none.</summary>
    public (TimeSpan Duration, int Failures)? Succeeded(DateTimeOffset startedAt, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_downSince is not { } since || startedAt < _lastChange)
            {
                return null;
            }

            _downSince = null;
            _lastChange = now;
            return (now - since, _failures);
        }
    }
}
