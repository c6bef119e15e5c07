using EdgeHive.Grains.Invocation;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Reminders;

/// <summary>
/// Fires the durable reminders whose grains hash into this silo's ring range. Reminders live in the database, so when
/// a silo dies its range moves to its ring successor, which loads and fires them. One poll loop serves all reminders.
/// </summary>
internal sealed partial class ReminderService : IReminderRegistry, IAsyncDisposable
{
    private readonly IReminderTable _table;
    private readonly ISiloStatusOracle _oracle;
    private readonly IGrainCallInvoker _invoker;
    private readonly ReminderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _lock = new();
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly OutageTracker _outage = new();
    private (uint Begin, uint End)? _range;
    private Task? _pollLoop;
    private Task? _refreshLoop;

    public ReminderService(IReminderTable table, ISiloStatusOracle oracle, IGrainCallInvoker invoker, ReminderOptions options, TimeProvider time, ILogger logger)
    {
        _table = table;
        _oracle = oracle;
        _invoker = invoker;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reminders this silo currently owns.</summary>
    public int LocalCount
    {
        get
        {
            lock (_lock)
            {
                return _local.Count;
            }
        }
    }

    public void Start()
    {
        _pollLoop = PollLoopAsync(_stopping.Token);
        _refreshLoop = RefreshLoopAsync(_stopping.Token);
    }

    /// <summary>Re-reads the owned range now (membership changed).</summary>
    public Task OnViewChangedAsync() => RefreshAsync(_stopping.Token);

    /// <inheritdoc />
    public async Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period < _options.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), $"Reminder period {period} is below the minimum of {_options.MinimumPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var entry = new ReminderEntry(grainId, name, _time.GetUtcNow() + dueTime, period, StableHash.Of(grainId), string.Empty);
        var etag = await _table.UpsertAsync(entry, cancellationToken).ConfigureAwait(false);
        entry = entry with { ETag = etag };
        lock (_lock)
        {
            if (_range is { } range && ReminderRing.InRange(entry.GrainHash, range.Begin, range.End))
            {
                _local[(grainId, name)] = new LocalReminder(entry, entry.StartAt);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var existing = await _table.ReadAsync(grainId, name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        var removed = await _table.RemoveAsync(grainId, name, existing.ETag, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _local.Remove((grainId, name));
        }

        return removed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _pollLoop, _refreshLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stopping.Dispose();
        _refreshGate.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetUtcNow();
        try
        {
            var range = ReminderRing.RangeOf(_oracle.Self, _oracle.ActiveSilos);
            IReadOnlyList<ReminderEntry> owned = range is { } r
                ? await _table.ReadRangeAsync(r.Begin, r.End, cancellationToken).ConfigureAwait(false)
                : [];
            lock (_lock)
            {
                _range = range;
                var seen = new HashSet<(GrainId, string)>();
                foreach (var entry in owned)
                {
                    var key = (entry.GrainId, entry.Name);
                    seen.Add(key);
                    if (!_local.TryGetValue(key, out var current) || current.Entry.ETag != entry.ETag)
                    {
                        _local[key] = new LocalReminder(entry, NextDue(entry, _time.GetUtcNow(), includeNow: true));
                    }
                }

                foreach (var key in _local.Keys.Where(k => !seen.Contains(k)).ToArray())
                {
                    _local.Remove(key);
                }
            }

            if (_outage.Succeeded(started, _time.GetUtcNow()) is { } outage)
            {
                Log.RefreshWorksAgain(_logger, outage.Duration, outage.Failures);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is away: reminders keep firing from the range last read. Logged once per outage, not at
            // every refresh period.
            if (_outage.Failed(started, _time.GetUtcNow()))
            {
                Log.RefreshFailed(_logger, ex);
            }
            else
            {
                Log.RefreshFailedAgain(_logger, ex);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(_options.RefreshPeriod, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task PollLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.PollPeriod, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var now = _time.GetUtcNow();
            List<LocalReminder> due = [];
            lock (_lock)
            {
                foreach (var (key, reminder) in _local.ToArray())
                {
                    if (reminder.NextDue <= now)
                    {
                        due.Add(reminder);
                        _local[key] = reminder with { NextDue = NextDue(reminder.Entry, now, includeNow: false) };
                    }
                }
            }

            foreach (var reminder in due)
            {
                _ = FireAsync(reminder);
            }
        }
    }

    private async Task FireAsync(LocalReminder reminder)
    {
        var entry = reminder.Entry;
        try
        {
            var grain = (IRemindable)GrainInterfaceRegistry.Get(typeof(IRemindable)).CreateProxy(_invoker, entry.GrainId);
            await grain.ReceiveReminder(entry.Name, new TickStatus(entry.StartAt, entry.Period, reminder.NextDue)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.FireFailed(_logger, entry.GrainId, entry.Name, ex);
        }
    }

    /// <summary>The first tick time after <paramref name="now"/> (or at it), on the reminder's period grid.</summary>
    internal static DateTimeOffset NextDue(ReminderEntry entry, DateTimeOffset now, bool includeNow)
    {
        if (entry.StartAt > now || (includeNow && entry.StartAt == now))
        {
            return entry.StartAt;
        }

        var elapsed = now - entry.StartAt;
        var periods = (long)(elapsed.Ticks / entry.Period.Ticks) + 1;
        var next = entry.StartAt + TimeSpan.FromTicks(entry.Period.Ticks * periods);
        return includeNow && next - entry.Period == now ? now : next;
    }

    private sealed record LocalReminder(ReminderEntry Entry, DateTimeOffset NextDue);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2400, Level = LogLevel.Warning, Message = "Reading the reminder range failed; reminders keep firing from the range last read, and the read is retried every refresh period")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "Reading the reminder range failed again")]
        public static partial void RefreshFailedAgain(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2403, Level = LogLevel.Information, Message = "Reading the reminder range works again after {Duration} ({Failures} failed reads)")]
        public static partial void RefreshWorksAgain(ILogger logger, TimeSpan duration, int failures);

        [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Reminder {Name} of {GrainId} failed")]
        public static partial void FireFailed(ILogger logger, GrainId grainId, string name, Exception exception);
    }
}
