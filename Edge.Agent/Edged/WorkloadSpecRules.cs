namespace EdgeHive.Edge.Agent.Edged;

/// <summary>
/// Shape checks of a <see cref="WorkloadSpec"/> that need no file system (where the executable resolves is the
/// runtime's check). The limits keep a spec well inside one protocol frame and the kernel's argument limits.
/// </summary>
public static class WorkloadSpecRules
{
    /// <summary>Longest namespace (a DNS-1123 label).</summary>
    public const int MaxNamespaceLength = 63;

    /// <summary>Longest name (a DNS-1123 subdomain).</summary>
    public const int MaxNameLength = 253;

    /// <summary>Longest executable or working directory path (Linux' PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Most arguments.</summary>
    public const int MaxArgs = 1024;

    /// <summary>Most environment variables.</summary>
    public const int MaxEnv = 256;

    /// <summary>Largest sum of argument and environment lengths in UTF-16 chars (64 Ki, far below ARG_MAX).</summary>
    public const int MaxArgAndEnvChars = 64 * 1024;

    /// <summary>Longest stop grace period, one hour.</summary>
    public const int MaxStopGracePeriodSeconds = 3600;

    /// <summary>Every problem of <paramref name="spec"/>, one sentence each, naming the field; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        if (!IsDnsLabel(spec.Namespace))
        {
            errors.Add($"namespace '{spec.Namespace}' must be a DNS-1123 label: 1-{MaxNamespaceLength} lowercase letters, digits or '-', starting and ending with a letter or digit");
        }

        if (!IsDnsSubdomain(spec.Name))
        {
            errors.Add($"name '{spec.Name}' must be a DNS-1123 subdomain: 1-{MaxNameLength} chars, dot-separated labels of lowercase letters, digits or '-'");
        }

        if (spec.StopGracePeriodSeconds is < 0 or > MaxStopGracePeriodSeconds)
        {
            errors.Add($"stopGracePeriodSeconds must be between 0 and {MaxStopGracePeriodSeconds}");
        }

        if (!Enum.IsDefined(spec.RestartPolicy))
        {
            errors.Add("restartPolicy must be Always, OnFailure or Never");
        }

        ValidateProcess(spec.Process, errors);
        return errors;
    }

    /// <summary>A DNS-1123 label: 1-63 chars of [a-z0-9-], starting and ending with [a-z0-9].</summary>
    public static bool IsDnsLabel(string? value) =>
        value is { Length: > 0 and <= MaxNamespaceLength } && IsLabel(value);

    /// <summary>A DNS-1123 subdomain: 1-253 chars, labels as in <see cref="IsDnsLabel"/> separated by single dots.</summary>
    public static bool IsDnsSubdomain(string? value)
    {
        if (value is not { Length: > 0 and <= MaxNameLength })
        {
            return false;
        }

        foreach (var range in value.AsSpan().Split('.'))
        {
            if (!IsLabel(value.AsSpan()[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An environment variable name as Kubernetes accepts it: <c>[-._a-zA-Z][-._a-zA-Z0-9]*</c>.</summary>
    public static bool IsEnvName(string? value) =>
        value is { Length: > 0 and <= 256 }
        && !char.IsAsciiDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');

    private static void ValidateProcess(ProcessSpec? process, List<string> errors)
    {
        if (process is null)
        {
            errors.Add("process is required");
            return;
        }

        if (string.IsNullOrEmpty(process.Executable))
        {
            errors.Add("process.executable is required");
        }
        else if (process.Executable.Length > MaxPathLength || process.Executable.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add($"process.executable must be at most {MaxPathLength} chars without NUL");
        }

        if (process.WorkingDirectory is { } dir && (dir.Length is 0 or > MaxPathLength || dir.Contains('\0', StringComparison.Ordinal)))
        {
            errors.Add($"process.workingDirectory must be 1-{MaxPathLength} chars without NUL when given");
        }

        var args = process.Args ?? [];
        var env = process.Env ?? new Dictionary<string, string>();
        if (args.Count > MaxArgs)
        {
            errors.Add($"process.args has {args.Count} entries; at most {MaxArgs}");
        }

        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is null || args[i].Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"process.args[{i}] must be a string without NUL");
            }
        }

        if (env.Count > MaxEnv)
        {
            errors.Add($"process.env has {env.Count} entries; at most {MaxEnv}");
        }

        foreach (var (name, value) in env)
        {
            if (!IsEnvName(name))
            {
                errors.Add($"process.env name '{name}' must match [-._a-zA-Z][-._a-zA-Z0-9]* (at most 256 chars)");
            }
            else if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"process.env '{name}' must be a string without NUL");
            }
        }

        var total = args.Sum(a => a?.Length ?? 0) + env.Sum(p => p.Key.Length + (p.Value?.Length ?? 0));
        if (total > MaxArgAndEnvChars)
        {
            errors.Add($"process.args and process.env hold {total} chars together; at most {MaxArgAndEnvChars}");
        }
    }

    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is 0 or > MaxNamespaceLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
