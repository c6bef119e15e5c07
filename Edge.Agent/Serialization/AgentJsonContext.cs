using System.Text.Json.Serialization;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;
using EdgeHive.Edge.Agent.DeviceTwin.Reports;

namespace EdgeHive.Edge.Agent.Serialization;

/// <summary>
/// Source-generated JSON metadata for every type the agent reads or writes: the trimmed single-file build has no
/// reflection-based serializer. Null members are omitted, as KubeEdge's Go structs do with <c>omitempty</c>.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeviceTwinUpdate))]
[JsonSerializable(typeof(DeviceTwinDelta))]
[JsonSerializable(typeof(DeviceTwinDocument))]
[JsonSerializable(typeof(DeviceStateUpdate))]
[JsonSerializable(typeof(DeviceStateResult))]
[JsonSerializable(typeof(EventRequest))]
[JsonSerializable(typeof(ErrorResult))]
[JsonSerializable(typeof(MembershipGetResult))]
[JsonSerializable(typeof(MembershipUpdate))]
[JsonSerializable(typeof(DeviceUpdated))]
[JsonSerializable(typeof(MsgDevice))]
[JsonSerializable(typeof(MsgTwin))]
[JsonSerializable(typeof(TwinReport))]
[JsonSerializable(typeof(StateReport))]
[JsonSerializable(typeof(EventReport))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
