using EdgeHive.Edge.Agent.Bus;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.MetaManager;
using EdgeHive.Edge.Agent.ServiceBus;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.EdgeHub;

public sealed partial class EdgeHubModule
{
    /// <summary>
    /// Handles one downstream message on the receive loop, in order: acks and errors settle outbox rows; cloud objects
    /// are applied (committed) through MetaManager and only then acked — stale ones are acked without being applied,
    /// refused ones answered with an error; service requests are handed to ServiceBus without waiting.
    /// </summary>
    private async Task HandleAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        switch (message.Content)
        {
            case KeepAlive:
                return;
            case SessionWelcome:
                LogUnexpectedWelcome(message.Id);
                return;
            case Ack ack:
                if (ack.Sequence > 0 || OutboxMessageMapper.TryParseSequence(message.Header.ParentId, out _))
                {
                    var seq = ack.Sequence > 0 ? ack.Sequence : ParentSequence(message);
                    await _dispatcher.AcknowledgeAsync([seq], cancellationToken).ConfigureAwait(false);
                }

                return;
            case ErrorResult error:
                await HandleErrorAsync(message, error, cancellationToken).ConfigureAwait(false);
                return;
            case ServiceRequest request:
                await ForwardServiceRequestAsync(message, request, cancellationToken).ConfigureAwait(false);
                return;
            case WorkloadLogsRequest logs:
                await ForwardLogsRequestAsync(message, logs, cancellationToken).ConfigureAwait(false);
                return;
            default:
                await ApplyObjectAsync(message, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task ApplyObjectAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        CloudApplyResult result;
        try
        {
            var request = new BusMessage(message.Id, null, Name, ModuleNames.MetaGroup, MetaOperations.ApplyCloud, message.Route.Resource, message, _time.GetUtcNow().ToUnixTimeMilliseconds());
            var response = await _bus.SendSyncAsync(ModuleNames.MetaManager, request, _options.ApplyTimeout, cancellationToken).ConfigureAwait(false);
            result = response.Content as CloudApplyResult ?? CloudApplyResult.Reject(ErrorCodes.InternalError, "MetaManager gave no result");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // Not committed: a transient error makes the cloud keep the message and resend it.
            result = CloudApplyResult.Reject(ErrorCodes.InternalError, ex.Message);
        }

        if (result.Status == CloudApplyStatus.Rejected)
        {
            LogObjectRejected(message.Kind, message.Route.Resource, message.Header.ResourceVersion, result.Code, result.Reason ?? "");
            await _session!.SendAsync(_factory.Error(message, result.Code, result.Reason ?? "rejected"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (BeforeAck is { } hook)
        {
            await hook(message, cancellationToken).ConfigureAwait(false);
        }

        // The commit happened inside SendSyncAsync; only now may the cloud forget the message.
        await _session!.SendAsync(_factory.Ack(message), cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleErrorAsync(EdgeMessage message, ErrorResult error, CancellationToken cancellationToken)
    {
        if (!OutboxMessageMapper.TryParseSequence(message.Header.ParentId, out var seq))
        {
            LogCloudError(message.Header.ParentId ?? "(session)", error.Code, error.Reason);
            return;
        }

        if (ErrorCodes.IsTransient(error.Code))
        {
            // Kept: the dispatcher replays it shortly.
            LogUpstreamRetry(seq, error.Code, error.Reason);
            _dispatcher.NotifyRefused();
            return;
        }

        // A permanent rejection would be refused on every replay: drop it (protocol §4.1) and say so.
        LogUpstreamDropped(seq, error.Code, error.Reason);
        AgentMetrics.AddUpstreamDropped("refused");
        await _dispatcher.AcknowledgeAsync([seq], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An outbox entry that fits no frame of this session would stop at the link on every replay: dropped,
    /// like an entry the cloud refused for good.</summary>
    private async Task DropUnsendableAsync(EdgeMessage message, CancellationToken cancellationToken)
    {
        AgentMetrics.AddUpstreamDropped("too_large");
        if (OutboxMessageMapper.TryParseSequence(message.Id, out var seq))
        {
            await _dispatcher.AcknowledgeAsync([seq], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ForwardServiceRequestAsync(EdgeMessage message, ServiceRequest request, CancellationToken cancellationToken)
    {
        // The bus message takes the cloud id, so ServiceBus's answer names the request as its parent.
        var forward = new BusMessage(message.Id, null, Name, ModuleNames.UserGroup, ServiceBusOperations.Request, "", request, _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await _bus.SendAsync(ModuleNames.ServiceBus, forward, cancellationToken).ConfigureAwait(false))
        {
            var refused = new ServiceResponse { StatusCode = 502, Error = "the ServiceBus module is disabled on this node" };
            await _session!.SendAsync(_factory.ServiceResponse(message, refused), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ForwardLogsRequestAsync(EdgeMessage message, WorkloadLogsRequest request, CancellationToken cancellationToken)
    {
        // As for service requests: the bus message takes the cloud id, Edged's answer comes back through the inbox loop.
        var forward = new BusMessage(message.Id, null, Name, ModuleNames.EdgedGroup, EdgedOperations.Logs, message.Route.Resource, request, _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await _bus.SendAsync(ModuleNames.Edged, forward, cancellationToken).ConfigureAwait(false))
        {
            var refused = new WorkloadLogsResponse { StatusCode = 503, Error = "the Edged module is not running on this node" };
            await _session!.SendAsync(_factory.WorkloadLogsResult(message, refused), cancellationToken).ConfigureAwait(false);
        }
    }

    private static long ParentSequence(EdgeMessage message) =>
        OutboxMessageMapper.TryParseSequence(message.Header.ParentId, out var seq) ? seq : 0;
}
