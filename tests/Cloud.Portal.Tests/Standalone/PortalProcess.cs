using System.Diagnostics;
using EdgeHive.Testing;

namespace EdgeHive.Cloud.Portal.Tests.Standalone;

/// <summary>The standalone portal as its own process (<c>dotnet EdgeHive.Cloud.Portal.dll</c>) from the portal
/// project's build output, as <c>dotnet run --project Cloud.Portal</c> would start it.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output = new();

    private PortalProcess(Process process)
    {
        _process = process;
        _output.Follow(_process);
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output => _output.ToString();

    public bool HasExited => _process.HasExited;

    public static PortalProcess Start(IEnumerable<string> args)
    {
        var info = BuildOutputs.DotnetStartInfo("Cloud.Portal", "EdgeHive.Cloud.Portal.dll");
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

}
