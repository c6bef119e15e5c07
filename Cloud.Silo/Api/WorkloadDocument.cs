using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The body of a workload create (POST) or replace (PUT); see <see cref="DeviceDocument"/>.</summary>
internal sealed record WorkloadDocument(
    string? Namespace,
    string? Name,
    WorkloadSpec? Spec,
    JsonElement? Status,
    JsonElement? Generation,
    JsonElement? ResourceVersion,
    JsonElement? CreatedAt,
    JsonElement? UpdatedAt,
    JsonElement? Etag,
    JsonElement? Key) : IResourceDocument<WorkloadSpec>;
