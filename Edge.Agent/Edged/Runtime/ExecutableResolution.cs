namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>Where a <see cref="ProcessSpec"/> runs, with every path resolved, or why it may not run.</summary>
internal sealed record ExecutableResolution
{
    /// <summary>Real path of the executable (symlinks resolved), inside the workloads directory.</summary>
    public string? Executable { get; private init; }

    /// <summary>Real path of the working directory, inside the workloads directory.</summary>
    public string? WorkingDirectory { get; private init; }

    /// <summary>A <see cref="WorkloadReasons"/> word when refused.</summary>
    public string? Reason { get; private init; }

    /// <summary>Why it is refused.</summary>
    public string? Message { get; private init; }

    /// <summary>Whether the same spec may pass later (a missing file may be installed).</summary>
    public bool Retryable { get; private init; }

    /// <summary>True when the spec may run.</summary>
    public bool IsAllowed => Executable is not null;

    public static ExecutableResolution Allowed(string executable, string workingDirectory) =>
        new() { Executable = executable, WorkingDirectory = workingDirectory };

    public static ExecutableResolution Refused(string reason, string message) => new() { Reason = reason, Message = message };

    public static ExecutableResolution Missing(string reason, string message) => new() { Reason = reason, Message = message, Retryable = true };
}
