using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeHive.Testing;

namespace EdgeHive.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real Cloud.Silo as a process of its own (<c>dotnet EdgeHive.Cloud.Silo.dll</c> from the Cloud.Silo project's
/// build output), so the test can freeze it (SIGSTOP), thaw it (SIGCONT) and kill it (SIGKILL) without touching itself.
/// Every port is free: the HTTP port is picked here, the silo-to-silo and gateway ports by the silo (0 = a free port).
/// Disposing kills the process (SIGKILL also ends a frozen one); a process left by a test run that dies before
/// disposing is killed when the test process exits.
/// </summary>
internal sealed class CloudSiloProcess : CloudRestClient, IAsyncDisposable
{
    /// <summary>The configuration keys of the silo's cluster ports, in one place: both set to 0, a free port each.</summary>
    public static readonly string[] PortKeys = ["Cluster:SiloPort", "Cluster:GatewayPort"];

    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;
    private readonly ProcessOutput _output = new();

    static CloudSiloProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private CloudSiloProcess(Process process, int port, string name)
        : base(port, CloudApp.AdminToken, TimeSpan.FromSeconds(30), "e2e")
    {
        _process = process;
        Name = name;
        Running[process.Id] = process;
        _output.Follow(_process);
    }

    /// <summary>A name for messages (A, B, ...).</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>The edge endpoint agents connect to.</summary>
    public Uri EdgeUri => CloudApp.EdgeUriFor(Port);

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output => _output.ToString();

    /// <summary>Starts a silo named <paramref name="name"/> with <paramref name="settings"/> (configuration keys and
    /// values, given as <c>--key=value</c>) on HTTP port <paramref name="httpPort"/> (a free one when null) and waits
    /// until <c>/readyz</c> answers 200 within <paramref name="deadline"/>. A silo that exits first because a cluster
    /// port it picked was taken meanwhile is started again on new ones.</summary>
    public static async Task<CloudSiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan deadline, int? httpPort = null)
    {
        var port = httpPort ?? FreePort.Get();
        for (var attempt = 1; ; attempt++)
        {
            var silo = Start(name, settings, port);
            try
            {
                await silo.WaitUntilReadyAsync(deadline);
                return silo;
            }
            catch (InvalidOperationException) when (attempt < 3 && silo.HasExited && silo.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await silo.DisposeAsync();
            }
            catch
            {
                await silo.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGSTOP: the process keeps its sockets and activations but runs nothing until <see cref="Thaw"/>.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: the frozen process runs again, starting with whatever queued up meanwhile.</summary>
    public void Thaw() => Signal("CONT");

    /// <summary>Waits until the process has ended by itself.</summary>
    public Task WaitForExitAsync(TimeSpan deadline) => _process.WaitForExitAsync().WaitAsync(deadline);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // SIGKILL ends a stopped process too.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private static CloudSiloProcess Start(string name, IReadOnlyDictionary<string, string> settings, int port)
    {
        var info = BuildOutputs.DotnetStartInfo("Cloud.Silo", "EdgeHive.Cloud.Silo.dll");
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        info.ArgumentList.Add("--Auth:AdminToken=" + CloudApp.AdminToken);
        foreach (var key in PortKeys)
        {
            info.ArgumentList.Add($"--{key}=0");
        }

        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        return new CloudSiloProcess(process, port, name);
    }

    private async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Silo {Name} was not ready within {deadline}:\n{Output}");
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Pid} failed with {kill.ExitCode}.");
        }
    }

}
