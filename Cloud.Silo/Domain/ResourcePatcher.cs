using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// Applies an RFC 7396 merge patch to a device or device model document (as the REST API shows it) and returns the new
/// spec. Only <c>spec</c> may change: name and namespace are immutable, status belongs to the cloud and the edge, and
/// resource version, timestamps and ETag are the server's. Touching any of them — even by sending the whole document
/// back with an old status — is a validation error naming the field, so nothing is silently dropped.
/// </summary>
internal static class ResourcePatcher
{
    private const string SpecField = "spec";

    /// <summary>Patches a device; the result holds the new spec (not yet validated against rules or the model).</summary>
    public static OperationResult<DeviceSpec> PatchDevice(Device current, string mergePatchJson) =>
        Patch<Device, DeviceSpec>(current, mergePatchJson, "device");

    /// <summary>Patches a device model; the result holds the new spec (not yet validated).</summary>
    public static OperationResult<DeviceModelSpec> PatchDeviceModel(DeviceModel current, string mergePatchJson) =>
        Patch<DeviceModel, DeviceModelSpec>(current, mergePatchJson, "device model");

    /// <summary>Patches a workload; the result holds the new spec (not yet validated).</summary>
    public static OperationResult<WorkloadSpec> PatchWorkload(Workload current, string mergePatchJson) =>
        Patch<Workload, WorkloadSpec>(current, mergePatchJson, "workload");

    private static OperationResult<TSpec> Patch<TResource, TSpec>(TResource current, string mergePatchJson, string kind)
    {
        ArgumentNullException.ThrowIfNull(current);
        JsonNode? patch;
        try
        {
            patch = JsonMergePatch.Parse(mergePatchJson ?? string.Empty);
        }
        catch (JsonException e)
        {
            return OperationResult<TSpec>.BadRequest("The merge patch is not valid JSON: " + e.Message);
        }

        if (patch is not JsonObject)
        {
            return OperationResult<TSpec>.BadRequest($"A merge patch for a {kind} must be a JSON object.");
        }

        var original = JsonSerializer.SerializeToNode(current, CloudJson.Options)!.AsObject();
        var patched = JsonMergePatch.Apply(original, patch)!.AsObject();
        var errors = new List<ValidationError>();
        foreach (var name in original.Select(m => m.Key).Union(patched.Select(m => m.Key), StringComparer.Ordinal))
        {
            if (name == SpecField)
            {
                continue;
            }

            original.TryGetPropertyValue(name, out var before);
            var present = patched.TryGetPropertyValue(name, out var after);
            if (!original.ContainsKey(name))
            {
                errors.Add(new ValidationError(name, $"'{name}' is not a field of a {kind}"));
            }
            else if (!present || !JsonNode.DeepEquals(before, after))
            {
                errors.Add(new ValidationError(name, ReadOnlyReason(name)));
            }
        }

        if (errors.Count > 0)
        {
            return OperationResult<TSpec>.ValidationFailed(errors);
        }

        if (!patched.TryGetPropertyValue(SpecField, out var specNode) || specNode is null)
        {
            return OperationResult<TSpec>.ValidationFailed(SpecField, "is required");
        }

        try
        {
            var spec = specNode.Deserialize<TSpec>(CloudJson.Strict);
            return spec is null
                ? OperationResult<TSpec>.ValidationFailed(SpecField, "is required")
                : OperationResult<TSpec>.Ok(spec, null);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? SpecField + p[1..] : SpecField;
            return OperationResult<TSpec>.ValidationFailed(path, "has the wrong shape: " + e.Message);
        }
    }

    private static string ReadOnlyReason(string field) => field switch
    {
        "namespace" or "name" => $"'{field}' is immutable",
        "status" => "'status' is maintained by the cloud and the edge and cannot be patched",
        _ => $"'{field}' is maintained by the server and cannot be patched",
    };
}
