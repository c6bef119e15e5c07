using System.Globalization;
using EdgeHive.Edge.Agent.Edged;
using EdgeHive.Edge.Agent.Edged.Runtime;

namespace EdgeHive.Edge.Agent.Tests.Edged;

/// <summary>
/// A temp directory with a workloads directory (<see cref="Root"/>) for scripts and a state directory for the
/// runtime's logs and run records; removed on dispose.
/// </summary>
public sealed class WorkloadsDirectory : IDisposable
{
    public WorkloadsDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "edgehive-edged-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        // The real path, so paths the tests build compare equal to what the resolver returns.
        Base = Libc.RealPath(path, out _) ?? path;
        Root = Path.Combine(Base, "workloads");
        State = Path.Combine(Base, "state");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(State);
    }

    public string Base { get; }

    public string Root { get; }

    public string State { get; }

    /// <summary>Writes an executable <c>/bin/sh</c> script at <paramref name="relativePath"/> under the workloads directory.</summary>
    public string Script(string relativePath, string body)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteExecutable(path, "#!/bin/sh\n" + body + "\n");
        return path;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with mode 0750.</summary>
    public static void WriteExecutable(string path, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Edged runs workloads on Linux.");
        }

        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    /// <summary>A file the scripts can write to (pids, markers), under the base directory but outside the workloads directory.</summary>
    public string Scratch(string name) => Path.Combine(Base, name);

    public ProcessRuntimeOptions Options(bool enabled = true) => new()
    {
        WorkloadsDirectory = enabled ? Root : null,
        StateDirectory = State,
        KillTimeout = TimeSpan.FromSeconds(20),
    };

    public static WorkloadSpec Spec(string executable, params string[] args) => new()
    {
        Namespace = "default",
        Name = "app",
        Process = new ProcessSpec { Executable = executable, Args = args },
        StopGracePeriodSeconds = 5,
    };

    /// <summary>Starts <paramref name="spec"/> with a runtime that is then dropped, as when the agent is killed; returns the pid.</summary>
    public static async Task<int> StartAbandonedAsync(WorkloadsDirectory dir, WorkloadSpec spec)
    {
        var runtime = new ProcessRuntime(dir.Options(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ProcessRuntime>.Instance);
        var start = await runtime.StartAsync(spec, CancellationToken.None);
        return start.Instance?.Pid ?? throw new InvalidOperationException($"{start.Reason}: {start.Message}");
    }

    /// <summary>Reads pids a script wrote to <paramref name="file"/>, one per line.</summary>
    public static List<int> Pids(string file) =>
        File.Exists(file)
            ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))]
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
