using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// The list endpoints: SQL queries over indexed columns (never a fan-out to grains), paged with a cursor.
/// A cursor that is malformed or was made for another filter or sort is a 400.
/// </summary>
internal static class ListEndpoints
{
    private static readonly string[] DeviceSorts = ["name", "node", "model", "state"];
    private static readonly string[] NodeSorts = ["name", "status"];
    private static readonly string[] ModelSorts = ["name"];
    private static readonly string[] NoSorts = [];

    public static void MapLists(this RouteGroupBuilder api)
    {
        api.MapGet("/devices", (HttpContext c, IDeviceQueries q, IOptions<ApiOptions> o, CancellationToken ct) => DevicesAsync(c, q, o, null, ct))
            .WithTags("Devices").Produces<ListPage<Device>>();
        api.MapGet("/devices/{ns}", (string ns, HttpContext c, IDeviceQueries q, IOptions<ApiOptions> o, CancellationToken ct) => DevicesAsync(c, q, o, ns, ct))
            .WithTags("Devices").Produces<ListPage<Device>>();
        api.MapGet("/devicemodels", (HttpContext c, IDeviceModelQueries q, IOptions<ApiOptions> o, CancellationToken ct) => ModelsAsync(c, q, o, null, ct))
            .WithTags("Device models").Produces<ListPage<DeviceModel>>();
        api.MapGet("/devicemodels/{ns}", (string ns, HttpContext c, IDeviceModelQueries q, IOptions<ApiOptions> o, CancellationToken ct) => ModelsAsync(c, q, o, ns, ct))
            .WithTags("Device models").Produces<ListPage<DeviceModel>>();
        api.MapGet("/nodes", NodesAsync).WithTags("Nodes").Produces<ListPage<EdgeNode>>();
        api.MapGet("/nodes/{name}/objectsyncs", ObjectSyncsAsync).WithTags("Nodes").Produces<ListPage<ObjectSync>>();
    }

    private static async Task<IResult> DevicesAsync(HttpContext context, IDeviceQueries queries, IOptions<ApiOptions> options, string? ns, CancellationToken ct)
    {
        var (p, problem) = ListParameters.Parse(context.Request.Query, options.Value.DefaultPageSize, DeviceSorts);
        if (problem is not null)
        {
            return problem;
        }

        ns ??= Optional(context, "namespace");
        string? state = Optional(context, "state");
        if (state is not null && !Enum.GetNames<DeviceState>().Any(n => n.Equals(state, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.BadRequest("state must be one of unknown, online, offline, ok, unhealthy.");
        }

        var query = new DeviceListQuery
        {
            Namespace = ns,
            Node = Optional(context, "node"),
            Model = Optional(context, "model"),
            State = state?.ToLowerInvariant(),
            Labels = p!.Labels,
            SortBy = p.Sort switch { "node" => DeviceSort.Node, "model" => DeviceSort.Model, "state" => DeviceSort.State, _ => DeviceSort.Name },
            Descending = p.Descending,
            Limit = p.Limit,
            Cursor = p.Cursor,
        };
        return await RunAsync(() => queries.ListAsync(query, ct));
    }

    private static async Task<IResult> ModelsAsync(HttpContext context, IDeviceModelQueries queries, IOptions<ApiOptions> options, string? ns, CancellationToken ct)
    {
        var (p, problem) = ListParameters.Parse(context.Request.Query, options.Value.DefaultPageSize, ModelSorts);
        if (problem is not null)
        {
            return problem;
        }

        var query = new DeviceModelListQuery
        {
            Namespace = ns ?? Optional(context, "namespace"),
            Descending = p!.Descending,
            Limit = p.Limit,
            Cursor = p.Cursor,
        };
        return await RunAsync(() => queries.ListAsync(query, ct));
    }

    private static async Task<IResult> NodesAsync(HttpContext context, INodeQueries queries, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var (p, problem) = ListParameters.Parse(context.Request.Query, options.Value.DefaultPageSize, NodeSorts);
        if (problem is not null)
        {
            return problem;
        }

        string? status = Optional(context, "status");
        if (status is not null && !Enum.GetNames<NodeStatus>().Any(n => n.Equals(status, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.BadRequest("status must be one of unknown, online, offline.");
        }

        var query = new NodeListQuery
        {
            Status = status?.ToLowerInvariant(),
            Labels = p!.Labels,
            SortBy = p.Sort == "status" ? NodeSort.Status : NodeSort.Name,
            Descending = p.Descending,
            Limit = p.Limit,
            Cursor = p.Cursor,
        };
        return await RunAsync(() => queries.ListAsync(query, ct));
    }

    private static async Task<IResult> ObjectSyncsAsync(string name, HttpContext context, IObjectSyncQueries queries, IOptions<ApiOptions> options, CancellationToken ct)
    {
        if (ResourceNames.CheckSubdomain(name) is { } error)
        {
            return Problems.NotFound($"There is no node '{name}' ({error}).");
        }

        var (p, problem) = ListParameters.Parse(context.Request.Query, options.Value.DefaultPageSize, NoSorts);
        if (problem is not null)
        {
            return problem;
        }

        string? pendingText = Optional(context, "pending");
        bool? pending = null;
        if (pendingText is not null)
        {
            if (!bool.TryParse(pendingText, out var value))
            {
                return Problems.BadRequest("pending must be true or false.");
            }

            pending = value;
        }

        var query = new ObjectSyncListQuery { Node = name, Pending = pending, Limit = p!.Limit, Cursor = p.Cursor };
        return await RunAsync(() => queries.ListAsync(query, ct));
    }

    private static async Task<IResult> RunAsync<T>(Func<Task<Page<T>>> list)
    {
        try
        {
            return TypedResults.Json(ListPage<T>.From(await list()));
        }
        catch (ArgumentException ex)
        {
            // The query layer refuses malformed cursors and selectors with ArgumentException; its message says why.
            return Problems.BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static string? Optional(HttpContext context, string name) =>
        context.Request.Query[name].ToString() is { Length: > 0 } value ? value : null;
}
