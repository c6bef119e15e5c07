using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using Orleans;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>
/// Queues the device's changes for its nodes. A change and the pushes it owes (<see cref="PendingPush"/>) are written
/// in one state write; the pushes are then handed to the node sessions and cleared once a session accepted them. A
/// crash in between leaves them in the stored state, indexed as <c>pushpending</c>: the next activation of the device,
/// or <see cref="PendingPushSweeper"/> finding it, pushes them again. Pushing again is harmless: the outbox drops a
/// message no newer than the one it holds for the object, and a recovered push skips what the object-sync grain
/// already records as sent.
/// </summary>
internal sealed partial class DeviceGrain
{
    private static readonly TimeSpan PushRetryWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PushRetryDelay = TimeSpan.FromSeconds(1);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.OwesSomething)
        {
            // One-way to ourselves rather than pushing here: the activating call may come from a chain the session
            // grain is waiting on (the gateway reading a device while delivering), and pushing inside it would deadlock.
            await GrainFactory.GetGrain<IDeviceGrain>(this.GetPrimaryKeyString()).ResendPending();
        }
    }

    public async Task ResendPending()
    {
        if (state.State.OwesSomething)
        {
            Log.Resending(logger, this.GetPrimaryKeyString(), state.State.Pending.Count + state.State.ModelChecks.Count);
            await PushPendingAsync(recovering: true, retry: false);
        }
    }

    /// <summary>The device message owed to <paramref name="node"/> (if any) for <paramref name="device"/>.</summary>
    private PendingPush? Owe(string? node, Device device, string operation, bool membership) =>
        node is null ? null : new PendingPush(node, DownstreamMessages.Device(device, _modelProperties ?? [], operation, time.GetUtcNow()), membership);

    /// <summary>Settles the owed model checks (<see cref="SettleModelChecksAsync"/>), hands every pending push to its
    /// node's session, and clears in one write what was settled or accepted. A failure is logged and leaves the debt
    /// pending for the next activation or sweep; the device's own write stands.</summary>
    /// <param name="recovering">True when a crash may have interrupted an earlier attempt: messages the object-sync
    /// grain already records as sent are not pushed again.</param>
    /// <param name="retry">Retry a failing session for a while (a user call waiting for its change to be queued).</param>
    private async Task PushPendingAsync(bool recovering, bool retry)
    {
        if (options.BeforePush is { } fault)
        {
            await fault(this.GetPrimaryKeyString());
        }

        var checkedModels = await SettleModelChecksAsync();
        var done = new List<PendingPush>();
        foreach (var push in state.State.Pending.ToArray())
        {
            if (await PushWithRetryAsync(push, recovering, retry))
            {
                done.Add(push);
            }
        }

        await ClearSettledAsync(done, checkedModels);
    }

    /// <summary>Removes in one write the pushes a session accepted and the model checks that were settled; a failure is
    /// logged and leaves them owed.</summary>
    private async Task ClearSettledAsync(IReadOnlyCollection<PendingPush> done, IReadOnlyCollection<string> checkedModels)
    {
        if (done.Count == 0 && checkedModels.Count == 0)
        {
            return;
        }

        var (previous, previousChecks) = (state.State.Pending, state.State.ModelChecks);
        state.State.Pending = [.. previous.Where(p => !done.Contains(p))];
        state.State.ModelChecks = [.. previousChecks.Where(k => !checkedModels.Contains(k, StringComparer.Ordinal))];
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // The debts stay recorded as owed; settling them again later is harmless.
            (state.State.Pending, state.State.ModelChecks) = (previous, previousChecks);
            Log.ClearPendingFailed(logger, this.GetPrimaryKeyString(), ex);
        }
    }

    private async Task<bool> PushWithRetryAsync(PendingPush push, bool recovering, bool retry)
    {
        // The session grain is unreachable for a few seconds when its silo died and the cluster has not declared it
        // dead yet; retrying across that window keeps a change made during a failover from waiting for a sweep.
        var giveUp = time.GetUtcNow() + (retry ? PushRetryWindow : TimeSpan.Zero);
        while (true)
        {
            try
            {
                await PushAsync(push, recovering);
                return true;
            }
            catch (Exception ex) when (time.GetUtcNow() < giveUp)
            {
                Log.QueueFailed(logger, this.GetPrimaryKeyString(), push.Node, ex);
                await Task.Delay(PushRetryDelay, time);
            }
            catch (Exception ex)
            {
                Log.QueueFailed(logger, this.GetPrimaryKeyString(), push.Node, ex);
                return false;
            }
        }
    }

    private async Task PushAsync(PendingPush push, bool recovering)
    {
        var key = this.GetPrimaryKeyString();
        var messages = new List<DownstreamMessage>(2);
        if (push.Membership)
        {
            var (exists, membership) = await MembershipAsync(push.Node, key);
            if (!exists)
            {
                // The node is gone: nobody is left to tell, and its session must not grow an outbox again.
                return;
            }

            if (!(recovering && await AlreadySentAsync(push.Node, membership!)))
            {
                messages.Add(membership!);
            }
        }

        if (push.Device is { } device && !(recovering && await AlreadySentAsync(push.Node, device)))
        {
            // The device message goes first: a membership list naming a new device must follow its document.
            messages.Insert(0, device);
        }

        if (messages.Count > 0)
        {
            await GrainFactory.GetGrain<INodeSessionGrain>(push.Node).Push(messages);
        }
    }

    /// <summary>The node's current membership list, or (false, null) when the node no longer exists. Binding or
    /// unbinding again is a no-op when it already happened, and completes the move of a device whose release of its
    /// old node a crash interrupted.</summary>
    private async Task<(bool Exists, DownstreamMessage? Membership)> MembershipAsync(string nodeName, string key)
    {
        var bound = string.Equals(Current?.Spec.NodeName, nodeName, StringComparison.Ordinal);
        var node = bound ? await NodeGrain(nodeName).BindDevice(key) : await NodeGrain(nodeName).UnbindDevice(key);
        return node.IsOk
            ? (true, DownstreamMessages.Membership(node.Value!, bound ? [key] : [], bound ? [] : [key], time.GetUtcNow()))
            : (false, null);
    }

    /// <summary>True when the session already recorded this or a newer version of the object as sent (it records
    /// after persisting its outbox), so the message is in the outbox or was delivered and acknowledged.</summary>
    private async Task<bool> AlreadySentAsync(string node, DownstreamMessage message)
    {
        var sync = await GrainFactory.GetGrain<IObjectSyncGrain>(new ObjectSyncKey(node, message.Kind, message.ObjectKey).ToString()).Get();
        return sync is { IsOk: true, Value: { } recorded } && recorded.LastSentVersion >= message.ResourceVersion;
    }

    /// <summary>Runs the calls that release the old node after a successful write.</summary>
    internal async Task RunCompletionsAsync(IReadOnlyList<Func<Task>> completions)
    {
        foreach (var completion in completions)
        {
            try
            {
                await completion();
            }
            catch (Exception ex)
            {
                Log.ReleaseFailed(logger, this.GetPrimaryKeyString(), ex);
            }
        }
    }
}
