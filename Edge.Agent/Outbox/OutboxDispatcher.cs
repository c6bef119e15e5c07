using System.Threading.Channels;
using EdgeHive.Edge.Agent.Storage;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.Outbox;

/// <summary>
/// Sends the persisted outbox upstream: in sequence order, in batches, only while the link is up; deletes entries
/// only when the cloud acknowledges their sequence numbers. After a reconnection, a restart (a new dispatcher), or
/// <see cref="OutboxOptions.ResendAfter"/> without any acknowledgement, it replays everything pending from the
/// oldest entry, so nothing is lost and order is kept; the cloud deduplicates by version and sequence number.
/// </summary>
public sealed partial class OutboxDispatcher
{
    private readonly OutboxStore _store;
    private readonly IUpstreamLink _link;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;

    // A capacity-1 channel dropping extra writes is an auto-reset event: many notifications, one wake-up.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private long _sentUpTo;
    private long _lastProgress;
    private long _refusedAt;
    private bool _retryPending;

    /// <summary>Creates the dispatcher; nothing is sent until <see cref="RunAsync"/>.</summary>
    public OutboxDispatcher(OutboxStore store, IUpstreamLink link, OutboxOptions options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _store = store;
        _link = link;
        _options = options;
        _time = time;
        _logger = logger;
        _lastProgress = time.GetTimestamp();
    }

    /// <summary>Highest sequence number handed to the link since the last replay point (0: replay from the oldest).</summary>
    public long SentUpTo
    {
        get
        {
            lock (_gate)
            {
                return _sentUpTo;
            }
        }
    }

    /// <summary>New entries were committed: send them if the link is up.</summary>
    public void NotifyAppended() => _wake.Writer.TryWrite(true);

    /// <summary>The link (re)connected: everything pending is sent again, from the oldest entry.</summary>
    public void NotifyConnected()
    {
        ResetReplay();
        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// The cloud refused an entry for now (429, 500): everything pending is replayed from the oldest entry once
    /// <see cref="OutboxOptions.RetryAfterRefusal"/> has passed, instead of after <see cref="OutboxOptions.ResendAfter"/>.
    /// Refusals arriving together share one replay.
    /// </summary>
    public void NotifyRefused()
    {
        lock (_gate)
        {
            if (_retryPending)
            {
                return;
            }

            _retryPending = true;
            _refusedAt = _time.GetTimestamp();
        }

        _ = WakeAfterAsync(_options.RetryAfterRefusal);
    }

    /// <summary>The cloud acknowledged <paramref name="seqs"/> (after persisting them): delete them.</summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken)
    {
        var deleted = await _store.AcknowledgeAsync(seqs, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _lastProgress = _time.GetTimestamp();
        }

        LogAcknowledged(seqs.Count, deleted);
    }

    /// <summary>Sends until cancelled, woken by notifications and by a resend check every <see cref="OutboxOptions.ResendAfter"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var resendCheck = _time.CreateTimer(_ => _wake.Writer.TryWrite(true), null, _options.ResendAfter, _options.ResendAfter);
        while (!cancellationToken.IsCancellationRequested)
        {
            await PumpAsync(cancellationToken).ConfigureAwait(false);
            await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One round of sending: everything pending beyond <see cref="SentUpTo"/>, batch by batch, while the link is up.
    /// Returns the number of entries handed to the link.
    /// </summary>
    public async Task<int> PumpAsync(CancellationToken cancellationToken)
    {
        if (!_link.IsConnected)
        {
            return 0;
        }

        if (_time.GetElapsedTime(Volatile.Read(ref _lastProgress)) >= _options.ResendAfter && SentUpTo > 0)
        {
            LogResending(_options.ResendAfter);
            ResetReplay();
        }
        else if (RefusalRetryDue())
        {
            ResetReplay();
        }

        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await _store.ReadPendingAsync(SentUpTo, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            try
            {
                await _link.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The link failed mid-stream: what was handed over may be lost; replay from the oldest next time.
                LogSendFailed(ex, batch[0].Seq);
                ResetReplay();
                break;
            }

            lock (_gate)
            {
                _sentUpTo = Math.Max(_sentUpTo, batch[^1].Seq);
            }

            sent += batch.Count;
        }

        return sent;
    }

    private bool RefusalRetryDue()
    {
        lock (_gate)
        {
            if (!_retryPending || _time.GetElapsedTime(_refusedAt) < _options.RetryAfterRefusal)
            {
                return false;
            }

            _retryPending = false;
            return true;
        }
    }

    private async Task WakeAfterAsync(TimeSpan delay)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        _wake.Writer.TryWrite(true);
    }

    private void ResetReplay()
    {
        lock (_gate)
        {
            _sentUpTo = 0;
            _lastProgress = _time.GetTimestamp();
        }
    }
}
