using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Asks a node for a workload's newest log lines over its live link (<c>workload.logs</c> →
/// <c>workload.logs.result</c>, protocol §4.7); the REST API and the silo's portal share it. Logs stay on the node;
/// nothing is stored in the cloud. The request goes through the node's connection on this silo: a node connected to
/// another silo of a cluster is reported as not reachable from here (503; see docs/operations.md, "Workload logs").
/// </summary>
internal sealed class WorkloadLogsClient(EdgeConnectionRegistry registry, EdgeGatewayServices services)
{
    /// <summary>Sends the request on the node's newest open connection and waits up to <paramref name="timeout"/>.</summary>
    public async Task<WorkloadLogTail> FetchAsync(
        string node, string @namespace, string name, int tail, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = registry.ForNode(node)
            .Where(c => c.Epoch != 0 && c.CloseStatus is null)
            .OrderByDescending(c => c.Epoch)
            .FirstOrDefault();
        if (connection is null)
        {
            return Failed(node, 503, $"Node '{node}' is not connected to this silo (it is offline, or its link is held by another silo); its logs stay on the node. Retry later.");
        }

        var request = services.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = @namespace, Name = name, Tail = tail });
        var (answer, sent) = await connection.RequestAsync(request, timeout, cancellationToken);
        if (answer?.Content is not WorkloadLogsResponse response)
        {
            return sent
                ? Failed(node, 504, $"Node '{node}' did not answer within {timeout.TotalSeconds:0.#} s.")
                : Failed(node, 503, $"The link to node '{node}' is closing. Retry later.");
        }

        if (response.StatusCode != 200)
        {
            var code = response.StatusCode is 400 or 404 ? response.StatusCode : 503;
            return Failed(node, code, $"Node '{node}' answered {response.StatusCode}: {response.Error}");
        }

        var lines = response.Lines
            .Select(l => new WorkloadLogEntry(DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(l.Time, 0, 253402300799999)), l.Stream, l.Text))
            .ToArray();
        return new WorkloadLogTail(node, 200, lines, null);
    }

    private static WorkloadLogTail Failed(string node, int statusCode, string error) => new(node, statusCode, [], error);
}
