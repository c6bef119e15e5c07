using System.Diagnostics;
using System.Text;

namespace EdgeHive.Testing;

/// <summary>
/// A silo in a process of its own, to be killed with SIGKILL: the assembly this file is compiled into, run as a program
/// (<c>dotnet ASSEMBLY.dll ARGS</c>), which prints <see cref="ReadyLine"/> once its silo has started. Linked into the
/// projects that need it (Cloud.Clustering.Tests, Orleans.Benchmarks).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string ReadyLine = "SILO READY";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

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

    public static async Task<SiloProcess> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(SiloProcess).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var silo = new SiloProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        var exited = silo._process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != silo._ready.Task)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException("The silo process did not start:\n" + silo.Output);
        }

        return silo;
    }

    /// <summary>SIGKILL: no goodbye, no table write, connections reset by the kernel.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line == ReadyLine)
        {
            _ready.TrySetResult();
        }
    }
}
