using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Asks a node for a workload's newest log lines over its live link (<c>workload.logs</c> →
/// <c>workload.logs.result</c>, protocol §4.7). Logs stay on the node; nothing is stored in the cloud. The request goes
/// through the node's connection on this silo: a node connected to another silo of a cluster is reported as not
/// reachable from here (see docs/operations.md, "Workload logs").
/// </summary>
internal sealed class WorkloadLogsClient(EdgeConnectionRegistry registry, EdgeGatewayServices services)
{
    /// <summary>What came of a request.</summary>
    public enum Outcome
    {
        /// <summary>The node answered (any status code).</summary>
        Answered,

        /// <summary>No open connection of the node on this silo.</summary>
        NotConnected,

        /// <summary>Sent, but no answer in time.</summary>
        TimedOut,
    }

    /// <summary>Sends the request on the node's newest open connection and waits for the answer.</summary>
    public async Task<(Outcome Outcome, WorkloadLogsResponse? Answer)> FetchAsync(
        string node, string @namespace, string name, int tail, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = registry.ForNode(node)
            .Where(c => c.Epoch != 0 && c.CloseStatus is null)
            .OrderByDescending(c => c.Epoch)
            .FirstOrDefault();
        if (connection is null)
        {
            return (Outcome.NotConnected, null);
        }

        var request = services.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = @namespace, Name = name, Tail = tail });
        var (answer, sent) = await connection.RequestAsync(request, timeout, cancellationToken);
        return answer?.Content is WorkloadLogsResponse response
            ? (Outcome.Answered, response)
            : (sent ? Outcome.TimedOut : Outcome.NotConnected, null);
    }
}
