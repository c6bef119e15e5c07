namespace EdgeHive.Grains.Cloud;

/// <summary>The process a workload runs on each of its nodes.</summary>
/// <param name="Executable">Path relative to the node's workloads directory (<c>--workloads DIR</c>), or absolute inside
/// it; the node refuses anything that resolves outside.</param>
/// <param name="Args">Arguments.</param>
/// <param name="Env">Environment variables added to the node's minimal default environment.</param>
/// <param name="WorkingDirectory">Working directory inside the workloads directory; the executable's directory when null.</param>
public sealed record WorkloadProcessSpec(
    string Executable,
    IReadOnlyList<string>? Args = null,
    IReadOnlyDictionary<string, string>? Env = null,
    string? WorkingDirectory = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoEnv = new Dictionary<string, string>();

    /// <summary>Arguments; never null.</summary>
    public IReadOnlyList<string> Args { get; init; } = Args ?? [];

    /// <summary>Environment variables; never null.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = Env ?? NoEnv;

    /// <summary>True when <paramref name="other"/> describes the same process (collections compared by content).</summary>
    public bool SameAs(WorkloadProcessSpec? other) =>
        other is not null
        && Executable == other.Executable
        && WorkingDirectory == other.WorkingDirectory
        && Args.SequenceEqual(other.Args)
        && Env.Count == other.Env.Count
        && Env.All(p => other.Env.TryGetValue(p.Key, out var v) && v == p.Value);
}
