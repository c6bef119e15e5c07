using System.Globalization;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>
/// Validates a workload spec with the limits the agent applies (Edge.Agent's <c>WorkloadSpecRules</c>), so that what the
/// cloud accepts the node can run: exactly one placement, an executable path without NUL and without <c>..</c>
/// segments (where it resolves is the node's check, against its own workloads directory), bounded arguments and
/// environment, a known restart policy and a grace period of 0..3600 s.
/// </summary>
internal static class WorkloadSpecValidator
{
    /// <summary>Longest executable or working directory path (Linux' PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Most arguments.</summary>
    public const int MaxArgs = 1024;

    /// <summary>Most environment variables.</summary>
    public const int MaxEnv = 256;

    /// <summary>Largest sum of argument and environment lengths (64 Ki chars, far below the kernel's ARG_MAX).</summary>
    public const int MaxArgAndEnvChars = 64 * 1024;

    /// <summary>Longest stop grace period, one hour.</summary>
    public const int MaxStopGracePeriodSeconds = 3600;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Returns every broken rule, named by its JSON path; empty when the spec is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<ValidationError>();
        ValidatePlacement(spec.Placement, errors);
        ValidateProcess(spec.Process, errors);
        if (!Enum.IsDefined(spec.RestartPolicy))
        {
            errors.Add(new("spec.restartPolicy", "must be Always, OnFailure or Never"));
        }

        if (spec.StopGracePeriodSeconds is < 0 or > MaxStopGracePeriodSeconds)
        {
            errors.Add(new("spec.stopGracePeriodSeconds", $"must be between 0 and {MaxStopGracePeriodSeconds}"));
        }

        if (spec.Description is { Length: > MaxDescriptionLength })
        {
            errors.Add(new("spec.description", $"must be at most {MaxDescriptionLength} characters"));
        }

        return errors;
    }

    private static void ValidatePlacement(WorkloadPlacement? placement, List<ValidationError> errors)
    {
        if (placement is null)
        {
            errors.Add(new("spec.placement", "is required: give nodeName or nodeSelector"));
            return;
        }

        var hasSelector = placement.NodeSelector is not null;
        if ((placement.NodeName is null) == !hasSelector)
        {
            errors.Add(new("spec.placement", "must give exactly one of nodeName and nodeSelector"));
            return;
        }

        if (placement.NodeName is { } node)
        {
            if (ResourceNames.CheckSubdomain(node) is { } error)
            {
                errors.Add(new("spec.placement.nodeName", error));
            }

            return;
        }

        if (placement.NodeSelector!.Count == 0)
        {
            errors.Add(new("spec.placement.nodeSelector", "must name at least one label (an empty selector would match every node)"));
        }

        errors.AddRange(DeviceSpecValidator.ValidateLabels(placement.NodeSelector, "spec.placement.nodeSelector"));
    }

    private static void ValidateProcess(WorkloadProcessSpec? process, List<ValidationError> errors)
    {
        if (process is null)
        {
            errors.Add(new("spec.process", "is required"));
            return;
        }

        if (string.IsNullOrEmpty(process.Executable))
        {
            errors.Add(new("spec.process.executable", "is required"));
        }
        else if (PathProblem(process.Executable) is { } problem)
        {
            errors.Add(new("spec.process.executable", problem));
        }

        if (process.WorkingDirectory is { } dir && (dir.Length == 0 ? "must not be empty when given" : PathProblem(dir)) is { } dirProblem)
        {
            errors.Add(new("spec.process.workingDirectory", dirProblem));
        }

        if (process.Args.Count > MaxArgs)
        {
            errors.Add(new("spec.process.args", $"has {process.Args.Count} entries; at most {MaxArgs}"));
        }

        for (var i = 0; i < process.Args.Count; i++)
        {
            if (process.Args[i] is null || process.Args[i].Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new(string.Create(CultureInfo.InvariantCulture, $"spec.process.args[{i}]"), "must be a string without NUL"));
            }
        }

        if (process.Env.Count > MaxEnv)
        {
            errors.Add(new("spec.process.env", $"has {process.Env.Count} entries; at most {MaxEnv}"));
        }

        foreach (var (name, value) in process.Env.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!IsEnvName(name))
            {
                errors.Add(new("spec.process.env." + name, "the name must match [-._a-zA-Z][-._a-zA-Z0-9]* (at most 256 characters)"));
            }
            else if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new("spec.process.env." + name, "must be a string without NUL"));
            }
        }

        var total = process.Args.Sum(a => a?.Length ?? 0) + process.Env.Sum(p => p.Key.Length + (p.Value?.Length ?? 0));
        if (total > MaxArgAndEnvChars)
        {
            errors.Add(new("spec.process", $"args and env hold {total} characters together; at most {MaxArgAndEnvChars}"));
        }
    }

    private static string? PathProblem(string path)
    {
        if (path.Length > MaxPathLength || path.Contains('\0', StringComparison.Ordinal))
        {
            return $"must be at most {MaxPathLength} characters without NUL";
        }

        return path.Split('/').Contains("..", StringComparer.Ordinal)
            ? "must not contain '..' segments; it must stay inside the node's workloads directory"
            : null;
    }

    /// <summary>An environment variable name as Kubernetes accepts it.</summary>
    private static bool IsEnvName(string? value) =>
        value is { Length: > 0 and <= 256 }
        && !char.IsAsciiDigit(value[0])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
