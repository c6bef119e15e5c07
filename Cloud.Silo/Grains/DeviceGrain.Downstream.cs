using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Queues the device's changes for its node.</summary>
internal sealed partial class DeviceGrain
{
    private static readonly TimeSpan PushRetryWindow = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PushRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Queues a device message (and a membership message, if given) in the node's durable outbox. Called after
    /// the device's own write; a failure is logged, the write stands, and the node gets the device's newest version
    /// with its next change.</summary>
    private async Task SendAsync(Device device, string? nodeName, string operation, DownstreamMessage? membership)
    {
        if (nodeName is null)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var messages = new List<DownstreamMessage>
        {
            DownstreamMessages.Device(device, _modelProperties ?? [], operation, now),
        };
        if (membership is not null)
        {
            messages.Add(membership);
        }

        // The session grain is unreachable for a few seconds when its silo died and the cluster has not declared it
        // dead yet; retrying across that window keeps a change made during a failover from waiting for the next one.
        var giveUp = now + PushRetryWindow;
        while (true)
        {
            try
            {
                await GrainFactory.GetGrain<INodeSessionGrain>(nodeName).Push(messages);
                return;
            }
            catch (Exception ex) when (TimeProvider.GetUtcNow() < giveUp)
            {
                Log.QueueFailed(logger, device.Key, nodeName, ex);
                await Task.Delay(PushRetryDelay, TimeProvider);
            }
            catch (Exception ex)
            {
                Log.QueueFailed(logger, device.Key, nodeName, ex);
                return;
            }
        }
    }

    /// <summary>Runs the calls that release the old model and node after a successful write.</summary>
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
                Log.ReleaseFailed(logger, GetPrimaryKeyString(), ex);
            }
        }
    }
}
