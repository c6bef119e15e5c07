using System.Globalization;
using EdgeHive.Edge.Protocol;

namespace EdgeHive.Edge.Agent.Edged;

/// <summary>Between the protocol's <see cref="Workload"/> and Edged's <see cref="WorkloadSpec"/> / <see cref="WorkloadStatus"/>. Pure.</summary>
public static class WorkloadConvert
{
    /// <summary>
    /// The spec Edged runs for <paramref name="workload"/> at <paramref name="generation"/>, or the reasons it is not a
    /// valid spec (shape rules of <see cref="WorkloadSpecRules"/>, an unknown restart policy, a grace period out of range).
    /// </summary>
    public static (WorkloadSpec? Spec, IReadOnlyList<string> Errors) ToSpec(Workload workload, long generation)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var errors = new List<string>();
        var policy = RestartPolicy.Always;
        if (workload.RestartPolicy is { } text && !Enum.TryParse(text, ignoreCase: false, out policy))
        {
            errors.Add($"restartPolicy '{text}' is not Always, OnFailure or Never");
        }

        if (workload.RestartPolicy is { } named && int.TryParse(named, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            errors.Add($"restartPolicy '{named}' must be a name, not a number");
        }

        var spec = new WorkloadSpec
        {
            Namespace = workload.Namespace,
            Name = workload.Name,
            Generation = generation,
            Process = new ProcessSpec
            {
                Executable = workload.Process.Executable,
                Args = workload.Process.Args,
                Env = workload.Process.Env,
                WorkingDirectory = workload.Process.WorkingDirectory,
            },
            RestartPolicy = policy,
            StopGracePeriodSeconds = workload.StopGracePeriodSeconds ?? WorkloadSpec.DefaultStopGracePeriodSeconds,
        };
        errors.AddRange(WorkloadSpecRules.Validate(spec));
        return errors.Count == 0 ? (spec, []) : (null, errors);
    }

    /// <summary>The upstream report of <paramref name="status"/> (times in milliseconds since the Unix epoch).</summary>
    public static WorkloadStatusReport ToReport(WorkloadStatus status, long sequence)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new WorkloadStatusReport
        {
            Namespace = status.Namespace,
            Name = status.Name,
            ObservedGeneration = status.ObservedGeneration,
            Phase = status.Phase.ToString(),
            Reason = status.Reason,
            Message = status.Message,
            Pid = status.Pid,
            Restarts = status.Restarts,
            LastExitCode = status.LastExitCode,
            StartedAt = status.StartedAt?.ToUnixTimeMilliseconds(),
            FinishedAt = status.FinishedAt?.ToUnixTimeMilliseconds(),
            NextStartAt = status.NextStartAt?.ToUnixTimeMilliseconds(),
            Sequence = sequence,
        };
    }
}
