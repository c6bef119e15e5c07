using System.Globalization;
using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Cloud.Silo.Queries;
using WorkloadLogsRequest = EdgeHive.Edge.Protocol.WorkloadLogsRequest;
using EdgeHive.Grains.Cloud;
using Microsoft.Extensions.Options;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>
/// Workloads: <c>/api/v1/workloads</c>, the shared CRUD shape, lists (all, per namespace, filtered by node), and a
/// workload's log tail on one node, fetched from the node on demand. Reads need a viewer token, writes an editor token.
/// </summary>
internal static class WorkloadEndpoints
{
    /// <summary>How long a client should wait before asking an offline node again.</summary>
    public static readonly TimeSpan OfflineRetryAfter = TimeSpan.FromSeconds(30);

    private static readonly string[] Sorts = ["name"];

    private static readonly ResourceEndpoints<WorkloadDocument, WorkloadSpec, Workload> Crud = new("workloads", "workload")
    {
        Create = static (grains, key, spec) => grains.Workload(key).Create(spec),
        Get = static (grains, key) => grains.Workload(key).Get(),
        Replace = static (grains, key, spec, ifMatch) => grains.Workload(key).Replace(spec, ifMatch),
        Patch = static (grains, key, patch, ifMatch) => grains.Workload(key).Patch(patch, ifMatch),
        Delete = static (grains, key, ifMatch) => grains.Workload(key).Delete(ifMatch),
    };

    public static void MapWorkloads(this RouteGroupBuilder api)
    {
        var group = Crud.Map(api, "Workloads");
        group.MapGet("/", (HttpContext c, IWorkloadQueries q, IOptions<ApiOptions> o, CancellationToken ct) => ListAsync(c, q, o, null, ct))
            .Produces<ListPage<Workload>>();
        group.MapGet("/{ns}", (string ns, HttpContext c, IWorkloadQueries q, IOptions<ApiOptions> o, CancellationToken ct) => ListAsync(c, q, o, ns, ct))
            .Produces<ListPage<Workload>>();
        group.MapGet("/{ns}/{name}/nodes/{node}/logs", LogsAsync)
            .Produces<WorkloadLogTail>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IWorkloadQueries queries, IOptions<ApiOptions> options, string? ns, CancellationToken ct)
    {
        var (p, problem) = ListParameters.Parse(context.Request.Query, options.Value.DefaultPageSize, Sorts);
        if (problem is not null)
        {
            return problem;
        }

        var node = context.Request.Query["node"].ToString() is { Length: > 0 } n ? n : null;
        var query = new WorkloadListQuery
        {
            Namespace = ns ?? (context.Request.Query["namespace"].ToString() is { Length: > 0 } q ? q : null),
            Node = node,
            Descending = p!.Descending,
            Limit = p.Limit,
            Cursor = p.Cursor,
        };
        try
        {
            return TypedResults.Json(ListPage<Workload>.From(await queries.ListAsync(query, ct)));
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<IResult> LogsAsync(
        string ns, string name, string node, HttpContext context, ApiGrains grains, WorkloadLogsClient logs, IOptions<ApiOptions> options, CancellationToken ct)
    {
        var (key, keyProblem) = Crud.Key(ns, name);
        if (keyProblem is not null)
        {
            return keyProblem;
        }

        var tailText = context.Request.Query["tail"].ToString();
        var tail = 100;
        if (tailText.Length > 0 && (!int.TryParse(tailText, NumberStyles.None, CultureInfo.InvariantCulture, out tail) || tail is < 1 or > WorkloadLogsRequest.MaxTail))
        {
            return Problems.BadRequest($"tail must be a whole number from 1 to {WorkloadLogsRequest.MaxTail}.");
        }

        var workload = await grains.Workload(key).Get();
        if (!workload.IsOk)
        {
            return Problems.FromOperation(workload);
        }

        if (!workload.Value!.Status.Nodes.Any(n => n.Node == node))
        {
            return Problems.NotFound($"Workload {key} is not assigned to node '{node}'.");
        }

        var answer = await logs.FetchAsync(node, key.Namespace, key.Name, tail, options.Value.WorkloadLogsTimeout, ct);
        return answer.StatusCode switch
        {
            200 => TypedResults.Json(answer),
            400 => Problems.BadRequest(answer.Error!),
            404 => Problems.NotFound(answer.Error!),
            504 => Problems.GatewayTimeout(answer.Error!),
            _ => Problems.Unavailable(answer.Error!, OfflineRetryAfter),
        };
    }
}
