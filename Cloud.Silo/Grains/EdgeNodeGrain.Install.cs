using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// A re-installed node (a join for a node that exists: the agent starts over with an empty store) gets everything
/// resent. The new install generation is persisted first, as not yet resynced; then every bound device and every
/// workload assigned to the node (from the workload read model: name and selector placements alike) is told, and only
/// when all of them took it is the generation recorded as resynced. A failing step leaves it due: a grain timer retries
/// it with a growing delay, and a durable reminder, registered before the first step, activates the grain again if its
/// silo dies midway. Every step is idempotent per generation, so a retry resends at most.
/// <para>The run is an interleaving timer callback, not a turn of the grain: the devices it waits for call this grain
/// (to bind themselves and build their membership push), possibly from chains of their own that hold the device, so
/// holding this grain while waiting for them could deadlock. The run changes no state itself; it records its end through
/// a call to the grain (<see cref="IEdgeNodeGrain.InstallResynced"/>), a turn like any other.</para>
/// </summary>
internal sealed partial class EdgeNodeGrain
{
    private const string InstallReminder = "install-resync";

    /// <summary>How many devices or workloads are told at once.</summary>
    private const int ResyncParallelism = 16;

    /// <summary>First delay of the in-activation retry; doubled after every failure up to <see cref="MaxResyncRetry"/>.</summary>
    private static readonly TimeSpan FirstResyncRetry = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxResyncRetry = TimeSpan.FromSeconds(30);

    /// <summary>The backstop reminder's period (Orleans refuses periods below its minimum, one minute by default).</summary>
    private TimeSpan InstallReminderPeriod => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, reminders.Value.MinimumReminderPeriod.Ticks));

    private IGrainTimer? _resyncTimer;
    private TaskCompletionSource<bool>? _resyncRun;
    private TimeSpan _resyncRetry = FirstResyncRetry;

    private long DueInstall => state.State.ResyncedInstall < state.State.Install ? state.State.Install : 0;

    public async Task<long> BeginInstall()
    {
        var (previousInstall, previousNode) = (state.State.Install, state.State.Node);
        state.State.Install = previousInstall + 1;
        if (previousNode is { } node)
        {
            // A new membership version, so the session's delivery records of the old install do not swallow the list.
            state.State.Node = Bump(node, time.GetUtcNow());
            state.State.LastVersion = Math.Max(state.State.LastVersion, state.State.Node.ResourceVersion);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Install, state.State.Node) = (previousInstall, previousNode);
            throw;
        }

        Log.InstallBegun(logger, this.GetPrimaryKeyString(), state.State.Install);
        _ = StartResync();
        return state.State.Install;
    }

    public Task<long> UnsyncedInstall() => Task.FromResult(DueInstall);

    public async Task<bool> ResyncInstall(TimeSpan wait)
    {
        if (DueInstall == 0)
        {
            return true;
        }

        var run = StartResync();
        try
        {
            return await run.WaitAsync(wait, time);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task InstallResynced(long generation)
    {
        if (generation <= state.State.ResyncedInstall)
        {
            return;
        }

        var previous = state.State.ResyncedInstall;
        state.State.ResyncedInstall = generation;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ResyncedInstall = previous;
            throw;
        }
    }

    /// <summary>The resync run in progress, started now (replacing a retry that is waiting) when there is none.</summary>
    private Task<bool> StartResync()
    {
        if (_resyncRun is { } running)
        {
            return running.Task;
        }

        var run = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _resyncRun = run;
        ScheduleResync(TimeSpan.Zero, run);
        return run.Task;
    }

    /// <summary>Runs <paramref name="run"/> after <paramref name="delay"/>, or (null) starts a new run then: a retry.</summary>
    private void ScheduleResync(TimeSpan delay, TaskCompletionSource<bool>? run)
    {
        _resyncTimer?.Dispose();
        _resyncTimer = this.RegisterGrainTimer(
            _ => run is null ? RetryResync() : RunResyncAsync(run),
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private Task RetryResync()
    {
        _ = StartResync();
        return Task.CompletedTask;
    }

    private async Task RunResyncAsync(TaskCompletionSource<bool> run)
    {
        var install = DueInstall;
        var done = true;
        if (install != 0)
        {
            done = await TryResyncAsync(install);
        }

        _resyncRun = null;
        if (done)
        {
            _resyncTimer?.Dispose();
            _resyncTimer = null;
            _resyncRetry = FirstResyncRetry;
            await UnregisterReminderQuietly(InstallReminder);
        }
        else
        {
            ScheduleResync(_resyncRetry, null);
            _resyncRetry = TimeSpan.FromTicks(Math.Min(_resyncRetry.Ticks * 2, MaxResyncRetry.Ticks));
        }

        run.TrySetResult(done);
    }

    private async Task<bool> TryResyncAsync(long install)
    {
        var name = this.GetPrimaryKeyString();
        try
        {
            // Before the first step: a silo dying midway must leave something behind that brings the grain back. Due
            // after the longest timer retry, so it fires only when this activation is gone (every attempt moves it on).
            await this.RegisterOrUpdateReminder(InstallReminder, MaxResyncRetry + FirstResyncRetry, InstallReminderPeriod);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OrleansException)
        {
            // No reminder service (a silo stopping): the timer and the node's next connect still retry.
            Log.ReminderFailed(logger, name, install, ex);
        }

        try
        {
            await ForEachAsync(Current?.Devices ?? [], device => GrainFactory.GetGrain<IDeviceGrain>(device).ResyncForNewInstall(name, install));
            await ForEachAsync(await AssignedWorkloadsAsync(name), workload => GrainFactory.GetGrain<IWorkloadGrain>(workload).ResyncForNewInstall(name, install));
            await GrainFactory.GetGrain<IEdgeNodeGrain>(name).InstallResynced(install);
            Log.Resynced(logger, name, install);
            return true;
        }
        catch (Exception ex)
        {
            Log.ResyncFailed(logger, name, install, _resyncRetry, ex);
            return false;
        }
    }

    private static async Task ForEachAsync(IReadOnlyList<string> keys, Func<string, Task> resync)
    {
        foreach (var chunk in keys.Chunk(ResyncParallelism))
        {
            await Task.WhenAll(chunk.Select(resync));
        }
    }

    /// <summary>Keys of the workloads assigned to <paramref name="node"/>, from the read model (its <c>node</c> index
    /// holds every node a workload is placed on, by name or by selector).</summary>
    private async Task<IReadOnlyList<string>> AssignedWorkloadsAsync(string node)
    {
        if (workloads is null)
        {
            return [];
        }

        var keys = new List<string>();
        string? cursor = null;
        do
        {
            var page = await workloads.ListAsync(
                new WorkloadListQuery { Node = node, Limit = ListLimits.MaxLimit, Cursor = cursor, IncludeTotal = false },
                CancellationToken.None);
            keys.AddRange(page.Items.Select(w => w.Key));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return keys;
    }

    /// <summary>Called by the reminder: resyncs if still due, and removes the reminder when nothing is.</summary>
    private async Task OnInstallReminderAsync()
    {
        if (DueInstall == 0)
        {
            await UnregisterReminderQuietly(InstallReminder);
            return;
        }

        _ = StartResync();
    }
}
