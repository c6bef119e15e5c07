namespace EdgeHive.Edge.Agent.Edged;

/// <summary>
/// What to run: an executable inside the node's workloads directory, its arguments, extra environment variables and
/// its working directory. Compared by value (argument order matters, environment order does not), so an unchanged
/// spec sent again does not restart the process.
/// </summary>
public sealed record ProcessSpec
{
    /// <summary>Path of the executable, relative to the workloads directory (or absolute inside it).</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments, passed as they are (no shell).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables added to the minimal environment Edged gives every workload.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Working directory, relative to the workloads directory (or absolute inside it); null = the executable's directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <inheritdoc />
    public bool Equals(ProcessSpec? other) =>
        other is not null
        && string.Equals(Executable, other.Executable, StringComparison.Ordinal)
        && string.Equals(WorkingDirectory, other.WorkingDirectory, StringComparison.Ordinal)
        && Args.SequenceEqual(other.Args, StringComparer.Ordinal)
        && Env.Count == other.Env.Count
        && Env.All(pair => other.Env.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Executable, StringComparer.Ordinal);
        hash.Add(WorkingDirectory, StringComparer.Ordinal);
        foreach (var arg in Args)
        {
            hash.Add(arg, StringComparer.Ordinal);
        }

        // Order-independent over the environment.
        var env = 0;
        foreach (var (name, value) in Env)
        {
            env ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(name), StringComparer.Ordinal.GetHashCode(value));
        }

        hash.Add(env);
        return hash.ToHashCode();
    }
}
