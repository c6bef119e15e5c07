using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Session events, heartbeats and the timer that turns a silent node offline.</summary>
internal sealed partial class EdgeNodeGrain
{
    private const string LivenessReminder = "liveness";
    private IDisposable? _livenessTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A node stored as online must be re-checked even if nothing calls this activation again.
        if (Current is { Status: NodeStatus.Online })
        {
            StartLiveness();
        }

        // A resync of a new install that a failure or a dead silo left unfinished is taken up at once, in a turn of its own.
        if (DueInstall != 0)
        {
            _ = StartResync();
        }

        return Task.CompletedTask;
    }

    public async Task<OperationResult<NodeStatus>> Heartbeat(long epoch)
    {
        if (Current is not { } current)
        {
            return OperationResult<NodeStatus>.NotFound($"Node '{this.GetPrimaryKeyString()}' does not exist.");
        }

        if (!NodeStatusRules.AcceptsHeartbeat(current.Session, epoch))
        {
            return OperationResult<NodeStatus>.Conflict(
                $"Heartbeat of epoch {epoch} ignored: the node's current session epoch is {current.Session.Epoch}.", current.ETag);
        }

        var now = time.GetUtcNow();
        var updated = current with { LastHeartbeat = now };
        var status = Evaluate(updated, now).Status;

        // Heartbeats alone are persisted only every half dead-after interval, so that a node whose grain moves to
        // another silo is not taken offline, without one write per heartbeat.
        var stale = current.LastHeartbeat is not { } stored || now - stored >= options.DeadAfter / 2;
        if (status != current.Status)
        {
            await SaveAsync(Bump(updated, now) with { Status = status }, null);
            await PublishStatusAsync();
        }
        else if (stale)
        {
            await SaveAsync(updated, null);
        }
        else
        {
            state.State.Node = updated;
        }

        await OnStatusAsync(status);
        return OperationResult<NodeStatus>.Ok(status, state.State.Node!.ETag);
    }

    public async Task SessionAttached(string silo, long epoch)
    {
        if (Current is not { } current || NodeStatusRules.ApplyAttached(current.Session, silo, epoch, time.GetUtcNow()) is not { } session)
        {
            return;
        }

        await ApplySessionAsync(current, session);
    }

    public async Task SessionDetached(string silo, long epoch)
    {
        if (Current is not { } current || NodeStatusRules.ApplyDetached(current.Session, epoch, time.GetUtcNow()) is not { } session)
        {
            return;
        }

        await ApplySessionAsync(current, session);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == InstallReminder)
        {
            await OnInstallReminderAsync();
            return;
        }

        await CheckLivenessAsync();
        if (Current is not { Status: NodeStatus.Online })
        {
            await UnregisterReminderQuietly(LivenessReminder);
        }
    }

    private async Task ApplySessionAsync(EdgeNode current, NodeSession session)
    {
        var now = time.GetUtcNow();
        var updated = Bump(current, now) with { Session = session };
        var status = Evaluate(updated, now).Status;
        await SaveAsync(updated with { Status = status }, null);
        await PublishStatusAsync();
        await OnStatusAsync(status);
    }

    private async Task CheckLivenessAsync()
    {
        if (Current is not { } current)
        {
            StopLiveness();
            return;
        }

        var now = time.GetUtcNow();
        var status = Evaluate(current, now).Status;
        if (status != current.Status)
        {
            await SaveAsync(Bump(current, now) with { Status = status }, null);
            await PublishStatusAsync();
        }

        await OnStatusAsync(status);
    }

    private async Task OnStatusAsync(NodeStatus status)
    {
        if (status == NodeStatus.Online)
        {
            if (_livenessTimer is null)
            {
                StartLiveness();
                // Orleans refuses periods below ReminderOptions.MinimumReminderPeriod (1 minute unless configured).
                var period = TimeSpan.FromTicks(Math.Max(options.DeadAfter.Ticks * 2, reminders.Value.MinimumReminderPeriod.Ticks));
                await this.RegisterOrUpdateReminder(LivenessReminder, period, period);
            }
        }
        else if (_livenessTimer is not null)
        {
            StopLiveness();
            await UnregisterReminderQuietly(LivenessReminder);
        }
    }

    private void StartLiveness()
    {
        _livenessTimer?.Dispose();
        var period = TimeSpan.FromTicks(Math.Clamp(options.DeadAfter.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        _livenessTimer = this.RegisterGrainTimer(CheckLivenessAsync, period, period);
    }

    private void StopLiveness()
    {
        _livenessTimer?.Dispose();
        _livenessTimer = null;
    }

    private async Task UnregisterReminderQuietly(string name)
    {
        try
        {
            if (await this.GetReminder(name) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OrleansException)
        {
            // No reminder service (a silo stopping): nothing to remove.
        }
    }

    private Task PublishStatusAsync()
    {
        var name = this.GetPrimaryKeyString();
        return changes.PublishAsync(ChangeKinds.Node, name, name, ChangeOperations.Status, state.State.Node?.ResourceVersion ?? state.State.LastVersion);
    }
}
