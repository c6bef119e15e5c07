using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace EdgeHive.Edge.Protocol;

/// <summary>The closed table of message kinds: wire name → payload type, default route and direction.</summary>
public static class EdgeMessageKinds
{
    private const bool Acked = true;
    private const bool NotAcked = false;

    private static readonly EdgeProtocolJsonContext Json = EdgeProtocolJsonContext.Default;

    private static readonly EdgeKindInfo[] Table =
    [
        Info(SessionWelcome.KindName, Json.SessionWelcome, EdgeGroups.Hub, EdgeOperations.Welcome, MessageDirection.Downstream, NotAcked),
        Info(KeepAlive.KindName, Json.KeepAlive, EdgeGroups.Hub, EdgeOperations.KeepAlive, MessageDirection.Both, NotAcked),
        Info(Ack.KindName, Json.Ack, EdgeGroups.Hub, EdgeOperations.Ack, MessageDirection.Both, NotAcked),
        Info(ErrorResult.KindName, Json.ErrorResult, EdgeGroups.Hub, EdgeOperations.Error, MessageDirection.Both, NotAcked),
        Info(DeviceUpsert.KindName, Json.DeviceUpsert, EdgeGroups.Resource, EdgeOperations.Update, MessageDirection.Downstream, Acked),
        Info(DeviceDelete.KindName, Json.DeviceDelete, EdgeGroups.Resource, EdgeOperations.Delete, MessageDirection.Downstream, Acked),
        Info(DeviceModelUpsert.KindName, Json.DeviceModelUpsert, EdgeGroups.Resource, EdgeOperations.Update, MessageDirection.Downstream, Acked),
        Info(DeviceModelDelete.KindName, Json.DeviceModelDelete, EdgeGroups.Resource, EdgeOperations.Delete, MessageDirection.Downstream, Acked),
        Info(MembershipAdd.KindName, Json.MembershipAdd, EdgeGroups.Twin, EdgeOperations.Insert, MessageDirection.Downstream, Acked),
        Info(MembershipRemove.KindName, Json.MembershipRemove, EdgeGroups.Twin, EdgeOperations.Delete, MessageDirection.Downstream, Acked),
        Info(TwinDesiredUpdate.KindName, Json.TwinDesiredUpdate, EdgeGroups.Twin, EdgeOperations.Update, MessageDirection.Downstream, Acked),
        Info(ServiceRequest.KindName, Json.ServiceRequest, EdgeGroups.ServiceBus, EdgeOperations.Query, MessageDirection.Downstream, NotAcked),
        Info(NodeStatus.KindName, Json.NodeStatus, EdgeGroups.Meta, EdgeOperations.Update, MessageDirection.Upstream, NotAcked),
        Info(DeviceStateReport.KindName, Json.DeviceStateReport, EdgeGroups.Twin, EdgeOperations.Upload, MessageDirection.Upstream, Acked),
        Info(TwinReportedUpdate.KindName, Json.TwinReportedUpdate, EdgeGroups.Twin, EdgeOperations.Upload, MessageDirection.Upstream, Acked),
        Info(UploadEvent.KindName, Json.UploadEvent, EdgeGroups.User, EdgeOperations.Upload, MessageDirection.Upstream, Acked),
        Info(ServiceResponse.KindName, Json.ServiceResponse, EdgeGroups.ServiceBus, EdgeOperations.Response, MessageDirection.Upstream, NotAcked),
        Info(WorkloadUpsert.KindName, Json.WorkloadUpsert, EdgeGroups.Edged, EdgeOperations.Update, MessageDirection.Downstream, Acked),
        Info(WorkloadDelete.KindName, Json.WorkloadDelete, EdgeGroups.Edged, EdgeOperations.Delete, MessageDirection.Downstream, Acked),
        Info(WorkloadStatusReport.KindName, Json.WorkloadStatusReport, EdgeGroups.Edged, EdgeOperations.Upload, MessageDirection.Upstream, Acked),
        Info(WorkloadLogsRequest.KindName, Json.WorkloadLogsRequest, EdgeGroups.Edged, EdgeOperations.Query, MessageDirection.Downstream, NotAcked),
        Info(WorkloadLogsResponse.KindName, Json.WorkloadLogsResponse, EdgeGroups.Edged, EdgeOperations.Response, MessageDirection.Upstream, NotAcked),
    ];

    private static readonly FrozenDictionary<string, EdgeKindInfo> ByKind =
        Table.ToFrozenDictionary(info => info.Kind, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, EdgeKindInfo> ByType =
        Table.ToFrozenDictionary(info => info.PayloadType);

    /// <summary>Every kind, in the order of <c>docs/protocol.md</c>.</summary>
    public static IReadOnlyList<EdgeKindInfo> All => Table;

    /// <summary>Looks a kind up by its wire name (case-sensitive).</summary>
    public static bool TryGet(string kind, [NotNullWhen(true)] out EdgeKindInfo? info) =>
        ByKind.TryGetValue(kind, out info);

    /// <summary>The kind of a payload instance.</summary>
    /// <exception cref="ArgumentException">The payload type is not part of the protocol.</exception>
    public static EdgeKindInfo Of(EdgePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return ByType.TryGetValue(payload.GetType(), out var info)
            ? info
            : throw new ArgumentException($"{payload.GetType().Name} is not a registered message kind.", nameof(payload));
    }

    private static EdgeKindInfo Info<T>(
        string kind, JsonTypeInfo<T> typeInfo, string group, string operation, MessageDirection direction, bool acknowledged)
        where T : EdgePayload => new(kind, typeInfo, group, operation, direction, acknowledged);
}
