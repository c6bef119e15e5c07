using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Source-generated JSON metadata for every payload, so that the trimmed edge agent never serializes by reflection.
/// Strict on input: required members must be present and non-nullable members must not be <c>null</c>; unknown
/// members are skipped so that a newer peer can add optional fields without a new protocol version.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 32)]
[JsonSerializable(typeof(SessionWelcome))]
[JsonSerializable(typeof(KeepAlive))]
[JsonSerializable(typeof(Ack))]
[JsonSerializable(typeof(ErrorResult))]
[JsonSerializable(typeof(DeviceUpsert))]
[JsonSerializable(typeof(DeviceDelete))]
[JsonSerializable(typeof(DeviceModelUpsert))]
[JsonSerializable(typeof(DeviceModelDelete))]
[JsonSerializable(typeof(MembershipAdd))]
[JsonSerializable(typeof(MembershipRemove))]
[JsonSerializable(typeof(TwinDesiredUpdate))]
[JsonSerializable(typeof(ServiceRequest))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(DeviceStateReport))]
[JsonSerializable(typeof(TwinReportedUpdate))]
[JsonSerializable(typeof(UploadEvent))]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(WorkloadUpsert))]
[JsonSerializable(typeof(WorkloadDelete))]
[JsonSerializable(typeof(WorkloadStatusReport))]
[JsonSerializable(typeof(WorkloadLogsRequest))]
[JsonSerializable(typeof(WorkloadLogsResponse))]
[JsonSerializable(typeof(Workload))]
public sealed partial class EdgeProtocolJsonContext : JsonSerializerContext;
