namespace EdgeHive.Cloud.Silo.Api;

/// <summary>The answer of <c>GET /api/v1/workloads/{ns}/{name}/nodes/{node}/logs</c>: the newest lines, oldest first.</summary>
/// <param name="Namespace">The workload's namespace.</param>
/// <param name="Name">The workload's name.</param>
/// <param name="Node">The node that answered.</param>
/// <param name="Lines">The lines.</param>
internal sealed record WorkloadLogsView(string Namespace, string Name, string Node, IReadOnlyList<WorkloadLogLineView> Lines);

/// <summary>One output line.</summary>
/// <param name="Time">When the node read it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, without the line break.</param>
internal sealed record WorkloadLogLineView(DateTimeOffset Time, string Stream, string Text);
