using System.Diagnostics.Metrics;

namespace EdgeHive.Edge.Agent.Hosting;

/// <summary>
/// The agent's metrics (meter <c>EdgeHive.Edge.Agent</c>), for any <see cref="MeterListener"/> or OpenTelemetry
/// exporter. <c>edgehive.agent.upstream.dropped</c> counts messages that will never reach the cloud, tagged with
/// <c>reason</c>: <c>too_large</c> (refused where it entered, or unsendable in the link), <c>refused</c> (the cloud
/// refused it for good), <c>unreadable</c> (an outbox row this agent cannot read).
/// </summary>
public static class AgentMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "EdgeHive.Edge.Agent";

    /// <summary>The dropped-upstream counter's name.</summary>
    public const string UpstreamDroppedName = "edgehive.agent.upstream.dropped";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> UpstreamDropped = Meter.CreateCounter<long>(UpstreamDroppedName, "{message}",
        "Upstream messages dropped because they can never be delivered");

    /// <summary>Counts one dropped upstream message.</summary>
    public static void AddUpstreamDropped(string reason) =>
        UpstreamDropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
