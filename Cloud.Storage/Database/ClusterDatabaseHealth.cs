using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Storage.Database;

/// <summary>
/// Whether the cluster database (PostgreSQL, or a single silo's SQLite file) answers, for <c>/readyz</c>: a
/// <c>SELECT 1</c> bounded by <see cref="ProbeTimeout"/>, whose answer is kept for <see cref="CacheFor"/> so that the
/// probes of every kubelet and load balancer cost at most one round trip per period, and callers that ask while a probe
/// runs share it. An outage is logged once when it starts and once when it ends (<see cref="OutageTracker"/>).
/// </summary>
public sealed partial class ClusterDatabaseHealth
{
    /// <summary>How long an answer is reused before the next caller probes again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take (connect and query) before the database counts as unreachable. The
    /// statement is trivial, so anything slower is a database that cannot serve the silo either.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OutageTracker _outage = new();
    private readonly Lock _lock = new();
    private Task<bool>? _probe;
    private long _probedAt;
    private bool _reachable;
    private bool _probed;

    /// <summary>Probes the database of <paramref name="dialect"/>.</summary>
    public ClusterDatabaseHealth(SqlDialect dialect, TimeProvider time, ILogger<ClusterDatabaseHealth> logger)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _dialect = dialect;
        _time = time;
        _logger = logger;
    }

    /// <summary>True if the database answered the last probe, probing first when that answer is older than
    /// <see cref="CacheFor"/>. Never throws for a database fault.</summary>
    /// <param name="cancellationToken">Stops waiting (the probe itself runs on for the next caller).</param>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        Task<bool> probe;
        lock (_lock)
        {
            if (_probed && _time.GetElapsedTime(_probedAt) < CacheFor)
            {
                return _reachable;
            }

            // Task.Run: the probe must not complete inline while the lock is held and leave a finished task behind.
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = Task.Run(ProbeAsync, CancellationToken.None);
            }

            probe = _probe;
        }

        try
        {
            // A driver that ignores the probe's timeout must not hold the caller longer than the timeout promises.
            return await probe.WaitAsync(ProbeTimeout + ProbeTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<bool> ProbeAsync()
    {
        var started = _time.GetUtcNow();
        Exception? error = null;
        try
        {
            using var timeout = new CancellationTokenSource(ProbeTimeout, _time);
            await _dialect.RunAsync(write: false, async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                command.CommandTimeout = (int)Math.Ceiling(ProbeTimeout.TotalSeconds);
                _ = await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            }, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure to reach the database means "not ready"; it is logged, never thrown to a probe.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }

        var now = _time.GetUtcNow();
        if (error is not null)
        {
            if (_outage.Failed(started, now))
            {
                LogUnreachable(_logger, error.GetType().Name, error.Message);
            }
        }
        else if (_outage.Succeeded(started, now) is { } outage)
        {
            LogReachableAgain(_logger, outage.Duration, outage.Failures);
        }

        lock (_lock)
        {
            _reachable = error is null;
            _probedAt = _time.GetTimestamp();
            _probed = true;
        }

        return error is null;
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Cluster database unreachable ({Error}: {Reason}); /readyz answers 503 until it answers again")]
    private static partial void LogUnreachable(ILogger logger, string error, string reason);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Cluster database reachable again after {Duration} ({Failures} failed probes)")]
    private static partial void LogReachableAgain(ILogger logger, TimeSpan duration, int failures);
}
