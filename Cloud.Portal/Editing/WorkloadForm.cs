using System.Globalization;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Editing;

/// <summary>
/// The workload editor's fields as text, and the spec they make: a node name or a label selector (<c>k=v</c>, comma
/// separated), arguments one per line, environment variables as <c>NAME=value</c> lines. Pure; the grain validates the
/// result, this only refuses text it cannot turn into a spec (naming the field).
/// </summary>
public sealed class WorkloadForm
{
    /// <summary>True: place by <see cref="Selector"/>; false: on <see cref="NodeName"/>.</summary>
    public bool BySelector { get; set; }

    public string? NodeName { get; set; }

    public string? Selector { get; set; }

    public string? Executable { get; set; }

    public string? Args { get; set; }

    public string? Env { get; set; }

    public string? WorkingDirectory { get; set; }

    public WorkloadRestartPolicy RestartPolicy { get; set; } = WorkloadRestartPolicy.Always;

    public int StopGracePeriodSeconds { get; set; } = WorkloadSpec.DefaultStopGracePeriodSeconds;

    public string? Description { get; set; }

    /// <summary>The form showing <paramref name="spec"/>.</summary>
    public static WorkloadForm Of(WorkloadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new WorkloadForm
        {
            BySelector = spec.Placement.NodeSelector is not null,
            NodeName = spec.Placement.NodeName,
            Selector = spec.Placement.NodeSelector is { } selector ? string.Join(", ", selector.Select(p => p.Key + "=" + p.Value)) : null,
            Executable = spec.Process.Executable,
            Args = string.Join("\n", spec.Process.Args),
            Env = string.Join("\n", spec.Process.Env.Select(p => p.Key + "=" + p.Value)),
            WorkingDirectory = spec.Process.WorkingDirectory,
            RestartPolicy = spec.RestartPolicy,
            StopGracePeriodSeconds = spec.StopGracePeriodSeconds,
            Description = spec.Description,
        };
    }

    /// <summary>The spec, or the fields that cannot be read.</summary>
    public (WorkloadSpec? Spec, IReadOnlyList<ValidationError> Errors) ToSpec()
    {
        var errors = new List<ValidationError>();
        var selector = BySelector ? Pairs(Selector, ',', "spec.placement.nodeSelector", "key=value", errors) : null;
        var env = Pairs(Env, '\n', "spec.process.env", "NAME=value", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var args = (Args ?? string.Empty).Split('\n').Select(a => a.TrimEnd('\r')).ToList();
        while (args.Count > 0 && args[^1].Length == 0)
        {
            args.RemoveAt(args.Count - 1);
        }

        var placement = BySelector ? new WorkloadPlacement(NodeSelector: selector) : new WorkloadPlacement(NodeName: Blank(NodeName) ?? string.Empty);
        var process = new WorkloadProcessSpec(Blank(Executable) ?? string.Empty, args, env, Blank(WorkingDirectory));
        return (new WorkloadSpec(placement, process, RestartPolicy, StopGracePeriodSeconds, Blank(Description)), []);
    }

    /// <summary>One line per field that differs, for the conflict dialog.</summary>
    public static List<(string Field, string? Mine, string? Current)> Differences(WorkloadSpec mine, WorkloadSpec current)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(current);
        var (a, b) = (Of(mine), Of(current));
        return new List<(string Field, string? Mine, string? Current)>
        {
            ("placement", a.BySelector ? a.Selector : a.NodeName, b.BySelector ? b.Selector : b.NodeName),
            ("executable", a.Executable, b.Executable),
            ("args", a.Args, b.Args),
            ("env", a.Env, b.Env),
            ("workingDirectory", a.WorkingDirectory, b.WorkingDirectory),
            ("restartPolicy", a.RestartPolicy.ToString(), b.RestartPolicy.ToString()),
            ("stopGracePeriodSeconds", a.StopGracePeriodSeconds.ToString(CultureInfo.InvariantCulture), b.StopGracePeriodSeconds.ToString(CultureInfo.InvariantCulture)),
            ("description", a.Description, b.Description),
        }.Where(r => r.Mine != r.Current).ToList();
    }

    private static Dictionary<string, string> Pairs(string? text, char separator, string field, string shape, List<ValidationError> errors)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (text ?? string.Empty).Split(separator))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new ValidationError(field, $"'{item}' is not {shape}"));
                continue;
            }

            var key = item[..equals].Trim();
            if (!pairs.TryAdd(key, item[(equals + 1)..].Trim()))
            {
                errors.Add(new ValidationError(field, $"'{key}' is given twice"));
            }
        }

        return pairs;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
