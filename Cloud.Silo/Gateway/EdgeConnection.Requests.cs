using System.Collections.Concurrent;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>Requests the cloud sends the node and waits for (sync messages, KubeEdge's <c>sync</c> flag): the answer
/// names the request's id as its parent id. Nothing is persisted — a request is asked on the live link or not at all.</summary>
internal sealed partial class EdgeConnection
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<EdgeMessage>> _requests = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="request"/> and waits up to <paramref name="timeout"/> for its answer.</summary>
    /// <returns>The answer; null when the connection is closing or its queue is full (not sent), or when no answer came
    /// in time (<c>Sent</c> tells which).</returns>
    public async Task<(EdgeMessage? Answer, bool Sent)> RequestAsync(EdgeMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<EdgeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[request.Header.Id] = answer;
        try
        {
            if (_closeStatus is not null || !_outbound.Writer.TryWrite(new OutboundItem(request, null)))
            {
                return (null, false);
            }

            return (await answer.Task.WaitAsync(timeout, _services.Time, cancellationToken), true);
        }
        catch (TimeoutException)
        {
            return (null, true);
        }
        finally
        {
            _requests.TryRemove(request.Header.Id, out _);
        }
    }

    /// <summary>Hands an answer to the request waiting for it; an answer nobody waits for (late, or of an earlier
    /// connection) is dropped.</summary>
    private void CompleteRequest(EdgeMessage answer)
    {
        if (answer.Header.ParentId is { } parent && _requests.TryRemove(parent, out var waiting))
        {
            waiting.TrySetResult(answer);
        }
    }
}
