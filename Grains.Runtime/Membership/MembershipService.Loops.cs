namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>The background loops: one per concern, each on a fixed cadence from the <see cref="TimeProvider"/>.</summary>
internal sealed partial class MembershipService
{
    private async Task RunLoopAsync(
        string name,
        TimeSpan period,
        DateTimeOffset start,
        bool usesTable,
        Func<CancellationToken, Task> round,
        CancellationToken cancellationToken)
    {
        // A fixed cadence (next = previous + period) rather than "period after the round ended": probe rounds take up
        // to ProbeTimeout, and a drifting cadence would stretch the time to detect a dead silo.
        var next = start + period;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = DateTimeOffset.MinValue;
            try
            {
                var delay = next - _time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }

                started = _time.GetUtcNow();
                await round(cancellationToken).ConfigureAwait(false);
                if (usesTable && _tableOutage.Succeeded(started, _time.GetUtcNow()) is { } outage)
                {
                    LogTableReachableAgain(_logger, _self, outage.Duration, outage.Failures);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (usesTable)
            {
                // The table is unreachable (failover, restart, network): nothing to do but try again next period.
                // The view, the probes and the votes they lead to carry on without it; a heartbeat or refresh that
                // failed says nothing about any silo's health, so nobody is judged on it. Logged once per outage.
                if (_tableOutage.Failed(started, _time.GetUtcNow()))
                {
                    LogTableUnreachable(_logger, ex, _self);
                }
                else
                {
                    LogTableRoundFailedAgain(_logger, ex, name, _self);
                }
            }
            catch (Exception ex)
            {
                LogLoopRoundFailed(_logger, ex, name, _self);
            }

            next += period;
            var now = _time.GetUtcNow();
            if (now - next > period)
            {
                // Stalled for more than a period (suspended VM, long pause): skip the missed rounds, run one now.
                next = now;
            }
        }
    }

    private async Task RefreshRoundAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        var view = _view;
        if (!view.IsActive(_self))
        {
            return; // only members in good standing judge others
        }

        var stuck = MembershipDecisions.StuckInTransition(view.Entries.Values, _time.GetUtcNow(), _options.StuckTransitionTimeout);
        foreach (var entry in stuck)
        {
            await DeclareStuckSiloDeadAsync(entry.Silo, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeclareStuckSiloDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        // One attempt: on a conflict the next refresh round re-reads and tries again if the row is still stuck.
        var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var row = Find(snapshot, silo);
        if (row is null
            || MembershipDecisions.StuckInTransition([row.Entry], _time.GetUtcNow(), _options.StuckTransitionTimeout).Count == 0)
        {
            return;
        }

        var dead = row.Entry with { Status = SiloStatus.Dead };
        if (await _table.UpdateRowAsync(dead, row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
        {
            LogStuckSiloDeclaredDead(_logger, silo, row.Entry.Status, row.Entry.IAmAliveTime);
            Gossip();
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogWriteConflict(_logger, "declare stuck silo dead", silo);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _table.UpdateIAmAliveAsync(_self, now, cancellationToken).ConfigureAwait(false);
        if (now - _lastCleanup >= _options.DefunctSiloCleanupPeriod)
        {
            await _table.CleanupDefunctEntriesAsync(now - _options.DefunctSiloCleanupAge, cancellationToken).ConfigureAwait(false);
            _lastCleanup = now;
        }
    }
}
