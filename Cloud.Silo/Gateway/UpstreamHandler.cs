using EdgeHive.Edge.Protocol;
using OrleansGrainFactory = Orleans.IGrainFactory;
using EdgeHive.Grains.Cloud;
using CloudDeviceState = EdgeHive.Grains.Cloud.DeviceState;
using CloudNodeInfo = EdgeHive.Grains.Cloud.NodeInfo;
using EdgeNodeStatus = EdgeHive.Edge.Protocol.NodeStatus;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Hands upstream messages of one node to the grains and says how to answer. A message is acknowledged only after the
/// grain call returned (the grain persisted it); a grain that refuses (another node's device, unknown device) yields a
/// permanent error, a failed call a transient one (500) so that the agent keeps the message and resends it.
/// </summary>
internal sealed class UpstreamHandler(OrleansGrainFactory grains, IEdgeEventSink events)
{
    /// <summary>Handles one message of <paramref name="session"/>'s node.</summary>
    public async Task<UpstreamOutcome> HandleAsync(UpstreamSession session, EdgeMessage message, CancellationToken cancellationToken)
    {
        switch (message.Content)
        {
            case TwinReportedUpdate reported:
            {
                var report = new EdgeTwinReport(
                    reported.Sequence,
                    reported.Properties.ToDictionary(
                        p => p.Key,
                        p => new ReportedPropertyUpdate(p.Value.Value ?? "", p.Value.EdgeVersion, DateTimeOffset.FromUnixTimeMilliseconds(p.Value.Timestamp)),
                        StringComparer.Ordinal));
                var result = await Device(reported.Namespace, reported.Name).ReportFromEdge(session.NodeName, report);
                return FromStatus(result.Status, result.Message);
            }

            case DeviceStateReport state:
            {
                var observedAt = DateTimeOffset.FromUnixTimeMilliseconds(message.Header.Timestamp);
                var result = await Device(state.Namespace, state.Name).SetState(session.NodeName, ParseState(state.State), observedAt);
                return FromStatus(result.Status, result.Message);
            }

            case EdgeNodeStatus status:
                return await HandleStatusAsync(session, status);

            case UploadEvent upload:
                await events.PublishAsync(session.NodeName, upload.Topic, upload.Payload, upload.Sequence, cancellationToken);
                return UpstreamOutcome.Acknowledge;

            case WorkloadStatusReport workload:
                return await WorkloadStatusUpstream.HandleAsync(grains, session.NodeName, workload);

            default:
                // service.response: no service requests are sent yet, so there is nobody waiting for one.
                return UpstreamOutcome.Nothing;
        }
    }

    private async Task<UpstreamOutcome> HandleStatusAsync(UpstreamSession session, EdgeNodeStatus status)
    {
        var node = grains.GetGrain<IEdgeNodeGrain>(session.NodeName);
        var info = new CloudNodeInfo(
            status.Info.Hostname,
            status.Info.Os,
            status.Info.Arch,
            status.Info.AgentVersion,
            new EdgeHive.Grains.Cloud.NodeCapacity(status.Info.Capacity.CpuCores, status.Info.Capacity.MemoryBytes, 0, status.Info.Capacity.MaxDevices));

        // Machine facts rarely change: register on the first status of a connection and when they differ.
        if (session.RegisteredInfo != info)
        {
            var registered = await node.Register(info);
            if (!registered.IsOk)
            {
                return FromStatus(registered.Status, registered.Message);
            }

            session.RegisteredInfo = info;
        }

        // A stale epoch (Conflict) means a newer connection exists; this one is being closed anyway.
        await node.Heartbeat(session.Epoch);
        return UpstreamOutcome.Nothing;
    }

    private IDeviceGrain Device(string @namespace, string name) => grains.GetGrain<IDeviceGrain>(@namespace + "/" + name);

    /// <summary>Maps a mapper's state word to the cloud's states; words the cloud does not know count as unknown.</summary>
    internal static CloudDeviceState ParseState(string state) => state.ToLowerInvariant() switch
    {
        DeviceStates.Online => CloudDeviceState.Online,
        DeviceStates.Offline => CloudDeviceState.Offline,
        DeviceStates.Ok => CloudDeviceState.Ok,
        DeviceStates.Unhealthy => CloudDeviceState.Unhealthy,
        _ => CloudDeviceState.Unknown,
    };

    /// <summary>Maps a grain outcome to the answer: success acks, refusals are permanent errors.</summary>
    internal static UpstreamOutcome FromStatus(OperationStatus status, string? message) => status switch
    {
        OperationStatus.Ok => UpstreamOutcome.Acknowledge,
        OperationStatus.Forbidden => UpstreamOutcome.Error(ErrorCodes.Forbidden, message ?? "forbidden"),
        OperationStatus.NotFound => UpstreamOutcome.Error(ErrorCodes.NotFound, message ?? "not found"),
        OperationStatus.Conflict or OperationStatus.PreconditionFailed => UpstreamOutcome.Error(ErrorCodes.Conflict, message ?? "conflict"),
        _ => UpstreamOutcome.Error(ErrorCodes.BadRequest, message ?? "invalid"),
    };
}
