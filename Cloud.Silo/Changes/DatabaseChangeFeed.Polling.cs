namespace EdgeHive.Cloud.Silo.Changes;

internal sealed partial class DatabaseChangeFeed
{
    private async Task PollLoopAsync(CancellationToken ct)
    {
        DateTimeOffset? gapSince = null;
        var nextTrim = _time.GetUtcNow();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                gapSince = await PollOnceAsync(gapSince, ct).ConfigureAwait(false);
                if (_time.GetUtcNow() >= nextTrim)
                {
                    await TrimAsync(ct).ConfigureAwait(false);
                    nextTrim = _time.GetUtcNow() + _options.TrimInterval;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.PollFailed(_logger, ex);
            }

            try
            {
                // Woken early by a publish on this silo; other silos' changes arrive within one interval.
                await _wake.WaitAsync(_options.PollInterval, ct).ConfigureAwait(false);
                while (_wake.CurrentCount > 0 && _wake.Wait(0, CancellationToken.None))
                {
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads rows after the watermark and publishes them in id order. A missing id may belong to a
    /// transaction that has not committed yet, so the poller waits for it up to <see cref="ChangeFeedOptions.GapTimeout"/>
    /// (after which it was rolled back or is very late, and is skipped). Returns when the current gap was first seen.</summary>
    private async Task<DateTimeOffset?> PollOnceAsync(DateTimeOffset? gapSince, CancellationToken ct)
    {
        while (true)
        {
            var rows = await _store.PollAsync(Volatile.Read(ref _watermark), BatchSize, ct).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return null;
            }

            lock (_lock)
            {
                foreach (var (clusterId, change) in rows)
                {
                    if (change.Id != _watermark + 1)
                    {
                        var now = _time.GetUtcNow();
                        gapSince ??= now;
                        if (now - gapSince.Value < _options.GapTimeout)
                        {
                            return gapSince;
                        }
                    }

                    gapSince = null;
                    _watermark = change.Id;
                    if (clusterId == _clusterId)
                    {
                        Dispatch(change);
                    }
                }
            }

            if (rows.Count < BatchSize)
            {
                return null;
            }
        }
    }

    private void Dispatch(ChangeEvent change)
    {
        for (var i = _readers.Count - 1; i >= 0; i--)
        {
            var reader = _readers[i];
            if (!reader.Writer.TryWrite(change))
            {
                // Too far behind for the live stream: it re-reads from the table.
                reader.Writer.TryComplete();
                _readers.RemoveAt(i);
            }
        }
    }

    private async Task TrimAsync(CancellationToken ct)
    {
        var max = await _store.MaxIdAsync(_clusterId, ct).ConfigureAwait(false);
        await _store.TrimAsync(_clusterId, max - _options.MaxEvents, _time.GetUtcNow() - _options.Retention, ct).ConfigureAwait(false);
    }
}
