using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// The body of a device create (POST) or replace (PUT): the spec, and optionally the namespace and name (which must
/// match the path). The members a GET returns besides those are accepted and ignored, so a client may write back
/// what it read; any other member is an error.
/// </summary>
internal sealed record DeviceDocument(
    string? Namespace,
    string? Name,
    DeviceSpec? Spec,
    JsonElement? Status,
    JsonElement? ResourceVersion,
    JsonElement? CreatedAt,
    JsonElement? UpdatedAt,
    JsonElement? Etag,
    JsonElement? Key) : IResourceDocument<DeviceSpec>;
