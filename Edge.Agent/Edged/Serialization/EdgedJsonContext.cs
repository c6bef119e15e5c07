using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Edged.Serialization;

/// <summary>
/// Source-generated JSON for what Edged stores: specs, statuses and run records, in camelCase with nulls left out.
/// Enums are written as their names (the enum types carry their converters), never as numbers.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkloadSpec))]
[JsonSerializable(typeof(WorkloadStatus))]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class EdgedJsonContext : JsonSerializerContext;
