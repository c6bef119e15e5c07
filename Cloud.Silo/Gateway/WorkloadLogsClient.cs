using EdgeHive.Edge.Protocol;
using EdgeHive.Grains.Cloud;
using OrleansGrainFactory = Orleans.IGrainFactory;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>
/// Asks a node for a workload's newest log lines over its live link (<c>workload.logs</c> →
/// <c>workload.logs.result</c>, protocol §4.7); the REST API and the silo's portal share it. Logs stay on the node;
/// nothing is stored in the cloud. The request goes through the node's session grain to the connection's observer on
/// whichever silo of the cluster holds the link (see docs/operations.md, "Workload logs").
/// </summary>
internal sealed class WorkloadLogsClient(OrleansGrainFactory grains)
{
    /// <summary>How much longer than the node's timeout the caller waits for the session grain.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(6);

    /// <summary>Asks through the node's session grain and waits up to <paramref name="timeout"/> for the node.</summary>
    public Task<WorkloadLogTail> FetchAsync(
        string node, string @namespace, string name, int tail, TimeSpan timeout, CancellationToken cancellationToken) =>
        FetchAsync(grains, node, @namespace, name, tail, timeout, cancellationToken);

    /// <summary>Asks through the node's session grain (from a silo or a cluster client) and waits up to
    /// <paramref name="timeout"/> for the node.</summary>
    public static async Task<WorkloadLogTail> FetchAsync(
        OrleansGrainFactory grains, string node, string @namespace, string name, int tail, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<INodeSessionGrain>(node).RequestLogs(@namespace, name, tail, timeout)
                .WaitAsync(timeout + Margin, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Failed(node, 504, $"Node '{node}' did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(node, 503, $"Node '{node}''s session cannot be reached ({ex.GetType().Name}). Retry later.");
        }
    }

    /// <summary>Sends the request on <paramref name="connection"/> (this silo's link of the node) and waits up to
    /// <paramref name="timeout"/>.</summary>
    public static async Task<WorkloadLogTail> AskAsync(
        EdgeConnection connection, EdgeGatewayServices services, string @namespace, string name, int tail, TimeSpan timeout)
    {
        var node = connection.NodeName;
        var request = services.Factory.WorkloadLogs(new WorkloadLogsRequest { Namespace = @namespace, Name = name, Tail = tail });
        var (answer, sent) = await connection.RequestAsync(request, timeout, CancellationToken.None);
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
