using System.Diagnostics;
using System.Text;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The standalone portal as its own process (<c>dotnet EdgeHive.Cloud.Portal.dll</c>) from the portal
/// project's build output, as <c>dotnet run --project Cloud.Portal</c> would start it.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static PortalProcess Start(IEnumerable<string> args)
    {
        var directory = BuildOutput();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, "EdgeHive.Cloud.Portal.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new PortalProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Cloud.Portal/bin/{Configuration}/{tfm}: the test's own configuration and target framework.</summary>
    private static string BuildOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EdgeHive.slnx")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("EdgeHive.slnx not found above " + testOutput), "Cloud.Portal", "bin", configuration, framework);
        return File.Exists(Path.Combine(directory, "EdgeHive.Cloud.Portal.dll"))
            ? directory
            : throw new InvalidOperationException($"The portal is not built in {directory}.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
