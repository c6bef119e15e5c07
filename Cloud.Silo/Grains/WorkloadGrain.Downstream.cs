using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Hands owed messages to the nodes' session outboxes, and keeps the reminder that retries them and
/// re-evaluates label-selector placements.</summary>
internal sealed partial class WorkloadGrain
{
    /// <summary>The reminder's name.</summary>
    public const string ReminderName = "workload-reconcile";

    /// <summary>How often the reminder re-evaluates a selector and retries owed pushes (Orleans' shortest reminder period).</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private bool _reminderRegistered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Pending.Count > 0)
        {
            // Not here: the activating call may be part of a chain a session waits on. A timer runs as a turn of its own.
            this.RegisterGrainTimer(_ => PushOwedAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }

        return Task.CompletedTask;
    }

    /// <summary>Pushes every owed message, node by node, and clears in one write what the sessions persisted. A failure
    /// is logged and leaves the rest owed for the reminder or the next activation.</summary>
    private async Task PushOwedAsync()
    {
        var owed = state.State.Pending;
        if (owed.Count == 0)
        {
            return;
        }

        var done = new List<OwedWorkloadMessage>();
        foreach (var group in owed.GroupBy(p => p.Node, StringComparer.Ordinal))
        {
            try
            {
                await nodes.PushAsync(group.Key, group.Select(p => p.Message).ToArray());
                done.AddRange(group);
            }
            catch (Exception ex)
            {
                Log.PushFailed(logger, this.GetPrimaryKeyString(), group.Key, ex);
            }
        }

        if (done.Count == 0)
        {
            return;
        }

        var previous = state.State.Pending;
        state.State.Pending = [.. previous.Where(p => !done.Contains(p))];
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Still owed on disk; pushing again is harmless (the outbox keeps the newest message per object).
            state.State.Pending = previous;
            Log.ClearFailed(logger, this.GetPrimaryKeyString(), ex);
        }
    }

    /// <summary>Keeps the reminder while it has work: a selector to re-evaluate or messages still owed. Registered once
    /// per activation (each registration is a write to the reminder table), removed when the work is gone.</summary>
    private async Task UpdateReminderAsync()
    {
        var needed = state.State.Pending.Count > 0 || Current?.Spec.Placement.NodeSelector is not null;
        try
        {
            if (needed && !_reminderRegistered)
            {
                await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
                _reminderRegistered = true;
            }
            else if (!needed && await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
                _reminderRegistered = false;
            }
        }
        catch (Exception ex)
        {
            Log.ReminderFailed(logger, this.GetPrimaryKeyString(), ex);
        }
    }
}
