using EdgeHive.Cloud.Silo.Auth;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Edge nodes: <c>/api/v1/nodes</c>. Nodes register themselves through the edge gateway; the API reads
/// them, edits labels (editor), deletes them and manages their credentials (admin). Deleting a node or revoking or
/// replacing its credential ends its live sessions with 4401: this silo's before the answer, the other silos' when the
/// credential change reaches them through the change feed (<see cref="NodeRevocationWatcher"/>).</summary>
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
            CloseLocalSessions(context, name, NodeRevocationWatcher.RevokedReason);
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

    private static async Task<IResult> IssueCredentialAsync(string name, HttpContext context, INodeCredentials credentials, CancellationToken ct)
    {
        if (ResourceNames.CheckSubdomain(name) is { } error)
        {
            return Problems.Validation("name", error);
        }

        var issued = await credentials.IssueAsync(name, ct);
        CloseLocalSessions(context, name, NodeRevocationWatcher.ReplacedReason);
        return TypedResults.Json(issued, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeCredentialAsync(string name, HttpContext context, INodeCredentials credentials, CancellationToken ct)
    {
        if (ResourceNames.CheckSubdomain(name) is not null || !await credentials.RevokeAsync(name, ct))
        {
            return Problems.NotFound($"Node '{name}' has no credential.");
        }

        CloseLocalSessions(context, name, NodeRevocationWatcher.RevokedReason);
        return TypedResults.NoContent();
    }

    /// <summary>Closes this silo's connections of the node that authenticated before now (after the credential
    /// changed) at once, so nothing they send after the answer is handled here. Silos without the edge gateway have
    /// none.</summary>
    private static void CloseLocalSessions(HttpContext context, string name, string reason)
    {
        if (context.RequestServices.GetService<EdgeConnectionRegistry>() is { } registry)
        {
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            registry.Revoke(new NodeRevocation(name, now, reason), now);
        }
    }
}
