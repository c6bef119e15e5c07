using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Edge nodes: <c>/api/v1/nodes</c>. Nodes register themselves through the edge gateway; the API reads
/// them, edits labels (editor), deletes them and manages their credentials (admin).</summary>
internal static class NodeEndpoints
{
    public static void MapNodes(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/nodes").WithTags("Nodes");
        nodes.MapGet("/{name}", GetAsync).Produces<EdgeNode>();
        nodes.MapDelete("/{name}", DeleteAsync).RequireAuthorization(ApiPolicies.Admin).Produces<EdgeNode>();
        nodes.MapPut("/{name}/labels", UpdateLabelsAsync)
            .RequireAuthorization(ApiPolicies.Editor).Accepts<Dictionary<string, string>>(RequestBodies.Json).Produces<EdgeNode>();
        nodes.MapPost("/{name}/credential", IssueCredentialAsync)
            .RequireAuthorization(ApiPolicies.Admin).Produces<IssuedNodeCredential>(StatusCodes.Status201Created);
        nodes.MapDelete("/{name}/credential", RevokeCredentialAsync)
            .RequireAuthorization(ApiPolicies.Admin).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> GetAsync(string name, HttpContext context, ApiGrains grains) =>
        ResourceNames.CheckSubdomain(name) is { } error
            ? Problems.NotFound($"There is no node '{name}' ({error}).")
            : ApiResults.Read(context, await grains.Node(name).Get());

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, ApiGrains grains, INodeCredentials credentials, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        if (ResourceNames.CheckSubdomain(name) is { } error)
        {
            return Problems.NotFound($"There is no node '{name}' ({error}).");
        }

        var result = await grains.Node(name).Delete(ifMatch);
        if (result.IsOk)
        {
            // A deleted node must register again with a join token; its old credential would let it back in silently.
            await credentials.RevokeAsync(name, ct);
        }

        return ApiResults.Entity(context, result);
    }

    private static async Task<IResult> UpdateLabelsAsync(string name, HttpContext context, ApiGrains grains, CancellationToken ct)
    {
        var (ifMatch, conditionProblem) = Conditions.IfMatch(context.Request);
        if (conditionProblem is not null)
        {
            return conditionProblem;
        }

        var body = await RequestBodies.ReadJsonAsync<Dictionary<string, string>>(context.Request, ct);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var labels = body.Value!;
        var errors = DeviceSpecValidator.ValidateLabels(labels, "labels");
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return ResourceNames.CheckSubdomain(name) is { } error
            ? Problems.NotFound($"There is no node '{name}' ({error}).")
            : ApiResults.Entity(context, await grains.Node(name).UpdateLabels(labels, ifMatch));
    }

    private static async Task<IResult> IssueCredentialAsync(string name, INodeCredentials credentials, CancellationToken ct)
    {
        if (ResourceNames.CheckSubdomain(name) is { } error)
        {
            return Problems.Validation("name", error);
        }

        var issued = await credentials.IssueAsync(name, ct);
        return TypedResults.Json(issued, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeCredentialAsync(string name, INodeCredentials credentials, CancellationToken ct) =>
        ResourceNames.CheckSubdomain(name) is null && await credentials.RevokeAsync(name, ct)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Node '{name}' has no credential.");
}
