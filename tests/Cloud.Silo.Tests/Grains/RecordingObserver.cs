using System.Collections.Concurrent;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Tests.Grains;

/// <summary>Stands in for the gateway's connection: records what the session grain delivers and closes.</summary>
internal sealed class RecordingObserver : IEdgeSessionObserver
{
    public ConcurrentQueue<DownstreamMessage> Delivered { get; } = new();

    public ConcurrentQueue<(long Epoch, string Reason)> Closed { get; } = new();

    public Task<bool> Deliver(long epoch, IReadOnlyList<DownstreamMessage> messages)
    {
        foreach (var message in messages)
        {
            Delivered.Enqueue(message);
        }

        return Task.FromResult(true);
    }

    public Task<WorkloadLogTail> RequestLogs(long epoch, string @namespace, string name, int tail, TimeSpan timeout) =>
        Task.FromResult(new WorkloadLogTail("recording", 503, [], "a recording observer holds no link"));

    public Task Close(long epoch, string reason)
    {
        Closed.Enqueue((epoch, reason));
        return Task.CompletedTask;
    }
}
