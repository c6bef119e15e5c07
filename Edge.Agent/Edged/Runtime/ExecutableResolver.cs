namespace EdgeHive.Edge.Agent.Edged.Runtime;

/// <summary>
/// The node's guard on what it runs: with <c>--workloads DIR</c>, an executable (and a working directory) must resolve
/// inside DIR. Paths holding a <c>..</c> segment are refused outright; every other path is resolved with
/// <c>realpath(3)</c> (each symlink of each component followed) and must land inside DIR's own real path, so a symlink
/// pointing out of the directory is refused however it is reached. The process is then started from the resolved path,
/// so changing a link after the check does not change what runs. Without a workloads directory, nothing runs.
/// </summary>
internal sealed class ExecutableResolver
{
    private readonly string? _root;

    /// <summary>Resolves against <paramref name="workloadsDirectory"/>; null disables workloads on this node.</summary>
    public ExecutableResolver(string? workloadsDirectory)
    {
        if (workloadsDirectory is null)
        {
            return;
        }

        var root = Libc.RealPath(Path.GetFullPath(workloadsDirectory), out var errno);
        if (root is null || !Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The workloads directory '{workloadsDirectory}' does not exist ({ErrorText(errno)}).");
        }

        _root = root;
    }

    /// <summary>The real path of the workloads directory; null when workloads are disabled.</summary>
    public string? Root => _root;

    /// <summary>Resolves <paramref name="process"/>'s executable and working directory, or says why it may not run.</summary>
    public ExecutableResolution Resolve(ProcessSpec process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (_root is null)
        {
            return ExecutableResolution.Refused(WorkloadReasons.WorkloadsDisabled,
                "this node runs no workloads: its agent was started without --workloads DIR");
        }

        if (Inside(process.Executable, "executable", out var executable) is { } refusedExecutable)
        {
            return refusedExecutable;
        }

        if (executable == _root || Directory.Exists(executable))
        {
            return ExecutableResolution.Missing(WorkloadReasons.ExecutableNotFound, $"executable '{process.Executable}' is a directory, not a file");
        }

        if (!File.Exists(executable))
        {
            return ExecutableResolution.Missing(WorkloadReasons.ExecutableNotFound, $"executable '{process.Executable}' is not a regular file");
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        // The process runtime is Linux-only (setsid, /proc); the platform test only tells the analyzer so.
        if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(executable) & anyExecute) == 0)
        {
            return ExecutableResolution.Missing(WorkloadReasons.ExecutableNotFound, $"executable '{process.Executable}' is not executable (no x permission)");
        }

        string workingDirectory;
        if (process.WorkingDirectory is null)
        {
            workingDirectory = Path.GetDirectoryName(executable)!;
        }
        else if (Inside(process.WorkingDirectory, "working directory", out workingDirectory) is { } refusedDirectory)
        {
            return refusedDirectory;
        }
        else if (!Directory.Exists(workingDirectory))
        {
            return ExecutableResolution.Missing(WorkloadReasons.ExecutableNotFound, $"working directory '{process.WorkingDirectory}' is not a directory");
        }

        return ExecutableResolution.Allowed(executable, workingDirectory);
    }

    private ExecutableResolution? Inside(string path, string what, out string real)
    {
        real = "";
        foreach (var range in path.AsSpan().Split('/'))
        {
            if (path.AsSpan()[range] is "..")
            {
                return ExecutableResolution.Refused(WorkloadReasons.OutsideWorkloadsDirectory,
                    $"{what} '{path}' contains '..': paths must stay inside the workloads directory {_root}");
            }
        }

        var full = Path.IsPathRooted(path) ? path : Path.Join(_root, path);
        var resolved = Libc.RealPath(full, out var errno);
        if (resolved is null)
        {
            return ExecutableResolution.Missing(WorkloadReasons.ExecutableNotFound, $"{what} '{path}' cannot be resolved in the workloads directory {_root}: {ErrorText(errno)}");
        }

        if (resolved != _root && !resolved.StartsWith(_root + "/", StringComparison.Ordinal))
        {
            var how = Path.TrimEndingDirectorySeparator(Path.GetFullPath(full)) == resolved ? "is" : "resolves (through a symbolic link) to";
            return ExecutableResolution.Refused(WorkloadReasons.OutsideWorkloadsDirectory,
                $"{what} '{path}' {how} {resolved}, outside the workloads directory {_root}");
        }

        real = resolved;
        return null;
    }

    private static string ErrorText(int errno) => errno switch
    {
        0 => "not found",
        2 => "no such file or directory",
        13 => "permission denied",
        20 => "a path component is not a directory",
        40 => "too many levels of symbolic links",
        _ => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno),
    };
}
