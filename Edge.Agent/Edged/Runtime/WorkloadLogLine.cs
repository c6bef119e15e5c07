namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>One line a workload wrote.</summary>
/// <param name="Time">When the agent read it.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line without its newline (invalid UTF-8 replaced).</param>
public sealed record WorkloadLogLine(DateTimeOffset Time, string Stream, string Text);
