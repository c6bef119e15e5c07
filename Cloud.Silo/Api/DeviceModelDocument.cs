using System.Text.Json;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The body of a device model create (POST) or replace (PUT); see <see cref="DeviceDocument"/>.</summary>
internal sealed record DeviceModelDocument(
    string? Namespace,
    string? Name,
    DeviceModelSpec? Spec,
    JsonElement? Status,
    JsonElement? ResourceVersion,
    JsonElement? CreatedAt,
    JsonElement? UpdatedAt,
    JsonElement? Etag,
    JsonElement? Key) : IResourceDocument<DeviceModelSpec>;
