namespace EdgeHive.Grains.Runtime.Membership;

/// <summary>Failure detection: probing the ring successors and voting the ones that stopped answering.</summary>
internal sealed partial class MembershipService
{
    // A vote that keeps conflicting is retried at the next missed probe anyway; no need to insist here.
    private const int MaxVoteAttempts = 5;

    private async Task ProbeRoundAsync(CancellationToken cancellationToken)
    {
        var targets = MembershipDecisions.MonitoredSilos(_self, _view.ActiveSilos, _options.MonitoredSilosPerSilo);
        foreach (var silo in _missedProbes.Keys.Where(s => !targets.Contains(s)).ToList())
        {
            // A silo that left the watch list starts from zero if it ever comes back into it.
            _missedProbes.Remove(silo);
        }

        if (targets.Count == 0)
        {
            return; // single-silo cluster: nobody to watch
        }

        var answered = await Task.WhenAll(targets.Select(t => ProbeOneAsync(t, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var missed = _missedProbes.GetValueOrDefault(target);
            if (answered[i])
            {
                if (missed > 0)
                {
                    LogProbeAnsweredAgain(_logger, target, missed);
                }

                _missedProbes[target] = 0;
                continue;
            }

            _missedProbes[target] = ++missed;
            LogProbeMissed(_logger, target, missed, _options.MissedProbesLimit);
            if (missed >= _options.MissedProbesLimit)
            {
                // Voting again at every further miss refreshes this vote, so it cannot expire while the target
                // stays silent and other voters are still counting.
                try
                {
                    await VoteAsync(target, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogVoteFailed(_logger, ex, target);
                }
            }
        }
    }

    private async Task<bool> ProbeOneAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        try
        {
            // The prober should honour the timeout itself; WaitAsync is the backstop against one that hangs.
            return await _prober.ProbeAsync(target, _options.ProbeTimeout, cancellationToken)
                .WaitAsync(_options.ProbeTimeout, _time, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex)
        {
            LogProbeFailed(_logger, ex, target);
            return false;
        }
    }

    private async Task VoteAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxVoteAttempts; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            var row = Find(snapshot, target);
            var own = Find(snapshot, _self);
            if (row is null || row.Entry.Status == SiloStatus.Dead || own?.Entry.Status != SiloStatus.Active)
            {
                // Already dead (another voter was faster), or this silo is no longer a member in good standing and
                // must not judge others. Either way the view is stale.
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var otherActive = snapshot.Rows.Count(r => r.Entry.Status == SiloStatus.Active && r.Entry.Silo != target);
            var needed = MembershipDecisions.VotesNeeded(_options.VotesForDeath, otherActive);
            var outcome = MembershipDecisions.AddVote(row.Entry, _self, _time.GetUtcNow(), _options.VoteExpiration, needed);
            var updated = row.Entry with
            {
                Suspicions = outcome.Votes,
                Status = outcome.IsDead ? SiloStatus.Dead : row.Entry.Status,
            };
            if (await _table.UpdateRowAsync(updated, row.ETag, snapshot.Version, cancellationToken).ConfigureAwait(false))
            {
                if (outcome.IsDead)
                {
                    LogDeclaredDead(_logger, target, outcome.Votes.Count);
                }
                else
                {
                    LogVoted(_logger, target, outcome.Votes.Count, needed);
                }

                Gossip();
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            LogWriteConflict(_logger, "vote", target);
        }

        LogVoteAbandoned(_logger, target, MaxVoteAttempts);
    }
}
